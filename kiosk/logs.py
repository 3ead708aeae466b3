"""Logging for the kiosk: a rotating file plus the console, with personal data redacted from every record.

Every message is written on one line with control characters escaped (`escape_control`): a portal's
error text cannot forge a log line or send escape sequences to whoever reads the log on a terminal.

Code must not log names, ID numbers, addresses or phone numbers in the first place. The `RedactingFilter`
is the safety net for the ones that can be recognised by shape (ID numbers, phones, e-mail addresses),
for example inside an exception message coming back from a library. The same patterns are what
`kiosk.store.audit` uses to refuse personal data, so they live here, in one place.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

# Tokens that are never personal data but contain digit runs that look like it. They are matched first
# and left alone, so a dossier's UUID keeps its 12-digit last group in the log and stays traceable.
_KEEP = r"(?P<keep>\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)"

# Boundaries: a number glued to letters or digits is part of something else (a hex digest, a longer
# number). Dots do end an ID number: document codes are written `<ID>.<type code>.<number>`. A phone,
# though, is never inside a dotted code (procedure codes like 1.001612.000.00.00.H48).
_NUMBER_START = r"(?<![0-9A-Za-z])"
_NUMBER_END = r"(?![0-9A-Za-z])"
_PHONE_START = r"(?<![0-9A-Za-z.+])"
_PHONE_END = r"(?![0-9A-Za-z]|\.\d)"

#: Personal data recognisable by its shape, as (kind, regex source). The kind becomes the placeholder.
PERSONAL_DATA_PATTERNS: tuple[tuple[str, str], ...] = (
    ("email", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    # Vietnamese phones: 0 or +84/84, then 9 digits (mobile 3/5/7/8/9xx) or 10 digits (landline 2xx),
    # optionally grouped with spaces, dots or dashes ("0901 234 567", "+84 90 123 4567").
    ("phone", _PHONE_START + r"(?:\+84|84|0)[ .-]?[1-9]\d(?:[ .-]?\d){7,8}" + _PHONE_END),
    # Personal ID number (số định danh cá nhân, CCCD) and the old CMND number.
    ("id-number", _NUMBER_START + r"\d{12}" + _NUMBER_END),
    ("old-id-number", _NUMBER_START + r"\d{9}" + _NUMBER_END),
)

_SCAN = re.compile(
    "|".join([_KEEP, *(f"(?P<{kind.replace('-', '_')}>{source})" for kind, source in PERSONAL_DATA_PATTERNS)])
)

LOG_FILE_NAME = "kiosk.log"
_MAX_BYTES = 5 * 1024 * 1024
_BACKUPS = 10
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Names of the handlers this module owns, so a second setup replaces them instead of adding more.
_FILE_HANDLER = "kiosk.file"
_CONSOLE_HANDLER = "kiosk.console"


# Control characters (C0, DEL, C1), Unicode line and paragraph separators and bidirectional overrides:
# in a log line they forge new lines or hide text; on a terminal they are escape sequences.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_EXCEPT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_control(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with control characters written as visible escapes (`\\n`, `\\x1b`, `\\u202e`), so text
    from outside (a portal's error message) can neither forge a log line nor drive a terminal."""
    pattern = _CONTROL_EXCEPT_NEWLINE if keep_newlines else _CONTROL
    return pattern.sub(lambda m: _NAMED.get(m.group(0)) or (
        f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}"), text)


def find_personal_data(text: str) -> list[str]:
    """The kinds of personal data found in `text` ("phone", "id-number", ...), in order of appearance."""
    return [_kind(m) for m in _SCAN.finditer(text) if m.lastgroup != "keep"]


def contains_personal_data(text: str) -> bool:
    return bool(find_personal_data(text))


def redact(text: str) -> str:
    """`text` with every recognisable piece of personal data replaced by a placeholder like `[phone]`."""
    return _SCAN.sub(lambda m: m.group(0) if m.lastgroup == "keep" else f"[{_kind(m)}]", text)


def _kind(match: re.Match[str]) -> str:
    return (match.lastgroup or "personal-data").replace("_", "-")


class RedactingFilter(logging.Filter):
    """Rewrites each record's message, arguments and traceback text with personal data redacted.

    Attached to the handlers (not to a logger) because logger filters do not see records that propagate
    up from child loggers; handler filters see everything that is written.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        # Redaction is idempotent, so a record passing through both handlers is simply redacted twice.
        # One record, one line: newlines and escape sequences inside a message are written as escapes.
        record.msg = escape_control(redact(record.getMessage()))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = escape_control(redact(record.exc_text), keep_newlines=True)
        if record.stack_info:
            record.stack_info = escape_control(redact(record.stack_info), keep_newlines=True)
        return True


def setup_logging(log_dir: Path, level: str | int = "INFO", *, console: bool = True) -> Path:
    """Send the root logger to `<log_dir>/kiosk.log` (rotating) and, optionally, to stderr.

    Idempotent: a second call replaces the handlers of the first (so the log folder or level can change)
    and never duplicates them. Returns the log file's path.
    """
    log_dir = Path(log_dir)
    # 0o700: logs carry no personal data, but the kiosk is a shared machine and they are nobody else's.
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    log_file = log_dir / LOG_FILE_NAME

    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() in (_FILE_HANDLER, _CONSOLE_HANDLER):
            root.removeHandler(handler)
            handler.close()

    formatter = logging.Formatter(_FORMAT)
    redactor = RedactingFilter()
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
    )
    new_handlers: list[logging.Handler] = [file_handler]
    file_handler.set_name(_FILE_HANDLER)
    if console:
        console_handler = logging.StreamHandler(sys.stderr)
        console_handler.set_name(_CONSOLE_HANDLER)
        new_handlers.append(console_handler)
    for handler in new_handlers:
        handler.setFormatter(formatter)
        handler.addFilter(redactor)
        root.addHandler(handler)

    root.setLevel(level.upper() if isinstance(level, str) else level)
    # Library warnings (warnings.warn) end up in the same, redacted, log.
    logging.captureWarnings(True)
    return log_file
