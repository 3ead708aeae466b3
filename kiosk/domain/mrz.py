"""The machine-readable zone on the back of the chip ID card: ICAO 9303 TD1, 3 lines × 30 (DOMAIN.md §2).

```
line 1: I D V N M <doc no = id[3:]> <cd> <12-digit ID> < < <cd over the ID>
line 2: <DOB YYMMDD><cd> <sex M/F> <expiry YYMMDD><cd> VNM <<<<<<<<<<< <composite cd>
line 3: SURNAME<<GIVEN<NAMES
```

OCR misreads the MRZ in predictable ways (O for 0, K for <), and the check digits say which reading is
right. `parse_td1` therefore reads every position by what the format allows there (digit, letter, filler),
looks for the cheapest set of corrections that makes *all* check digits pass, and accepts it only when that
set is unique; otherwise it raises `MrzError`. The document number repeats the last 9 digits of the ID, so
a misread in one copy is outvoted by the other copy and the two check digits.

The name line has no check digit: it is cleaned (digits read as letters, filler noise dropped) and flagged
with a warning when anything was changed. Cross-check it against the QR (see crosscheck.py).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from kiosk.domain.id_number import check_id_number, decode_id_number, is_id_number
from kiosk.domain.idcard import ForeignDocument, IdentityReading, ReadingWarning, Sex
from kiosk.domain.notice import Notice

LINE_LENGTH: Final = 30
FILLER: Final = "<"
NO_EXPIRY: Final = "991231"
DOCUMENT_CODE: Final = "ID"
COUNTRY: Final = "VNM"

_DIGITS: Final = "0123456789"
_CHAR_VALUES: Final = {
    **{d: int(d) for d in _DIGITS},
    **{chr(ord("A") + i): 10 + i for i in range(26)},
    FILLER: 0,
}
_WEIGHTS: Final = (7, 3, 1)

# Letters Tesseract and friends return for a digit (OCR-B shapes).
_DIGIT_FOR_LETTER: Final = {
    "O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "J": "1", "Z": "2", "A": "4",
    "S": "5", "G": "6", "T": "7", "B": "8",
}
# The reverse, for the name line: the name is letters only.
_LETTER_FOR_DIGIT: Final = {"0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "8": "B"}
# What a filler `<` is misread as.
_FILLER_LOOKALIKES: Final = frozenset("KCESLX")
_VOWELS: Final = frozenset("AEIOUY")
# Accepted misreadings of the fixed letters `IDVNM`.
_LITERAL_LOOKALIKES: Final = {
    "I": frozenset("1LJT|!"), "D": frozenset("0OQB<"), "V": frozenset("YUW"),
    "N": frozenset("HMW"), "M": frozenset("NHW"),
}

# Costs of reading a digit position as a given digit: the solver minimises their sum.
_COST_MAPPED = 1  # a letter that looks like this digit (O → 0)
_COST_GUESS = 2  # a letter that looks like another digit
_COST_UNKNOWN = 1  # any other character: all digits are equally likely
_COST_DIGIT_CHANGE = 3  # a digit read as another digit: allowed only where the ID's two copies disagree
_MAX_MERGED_COST = 4
_MAX_CANDIDATES = 20_000  # beyond this the line is noise, not a damaged MRZ

# Line 1 and 2 layouts: L fixed letter, D digit, < filler, S sex.
_LAYOUT_1: Final = "LLLLL" + "D" * 10 + "D" * 12 + "<<" + "D"
_LAYOUT_2: Final = "D" * 7 + "S" + "D" * 7 + "LLL" + "<" * 11 + "D"


class MrzError(ValueError):
    """The text is not a readable Vietnamese TD1 MRZ: `reason_en` for staff and logs, `notice` for the
    citizen (``mrz.error.<why>``; words in kiosk.ui.notice_texts)."""

    def __init__(self, reason_en: str, why: str = "card") -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.notice = Notice(f"mrz.error.{why}")


#: The notices an MrzError may carry: a card's back, or a travel document's lines.
NOTICE_CODES: Final = frozenset({"mrz.error.card", "mrz.error.document"})


def check_digit(data: str) -> int:
    """ICAO 9303 check digit: weights 7-3-1, `0-9` → 0–9, `A-Z` → 10–35, `<` → 0, sum mod 10."""
    total = 0
    for index, char in enumerate(data):
        value = _CHAR_VALUES.get(char)
        if value is None:
            raise ValueError(f"{char!r} is not an MRZ character")
        total += value * _WEIGHTS[index % 3]
    return total % 10


def _mrz_words(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", name))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").replace("Đ", "D").replace("'", "").replace("’", "").upper()
    return re.findall(r"[A-Z]+", bare)


def fold_name_for_mrz(name: str) -> str:
    """A name as the MRZ writes it, unpadded: `Nguyễn Văn An` → `NGUYEN<<VAN<AN`.

    Diacritics go (Đ → D), letters are upper-cased, the first word is the surname (họ) and is separated from
    the rest by `<<`, the other words by `<`. Also accepts an MRZ name (`NGUYEN VAN AN`, `NGUYEN<<VAN<AN`)
    and returns it in the same form, so two names compare equal when the MRZ could not tell them apart.
    """
    words = _mrz_words(name)
    if not words:
        return ""
    surname, given = words[0], words[1:]
    return surname + (FILLER * 2 + FILLER.join(given) if given else "")


def _yymmdd(value: date) -> str:
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"


def build_td1(id_number: str, full_name: str, date_of_birth: date, sex: Sex | None,
              expiry_date: date | None) -> tuple[str, str, str]:
    """The three MRZ lines of a Vietnamese chip ID card with these fields (for synthetic cards).

    `expiry_date=None` writes `991231` (no expiry). Names longer than the line are cut, as on the card.
    """
    if not is_id_number(id_number):
        raise ValueError("a personal ID number is exactly 12 digits")
    document_number = id_number[3:]
    line1 = (DOCUMENT_CODE + COUNTRY + document_number + str(check_digit(document_number)) + id_number
             + FILLER * 2 + str(check_digit(id_number)))
    dob = _yymmdd(date_of_birth)
    expiry = _yymmdd(expiry_date) if expiry_date is not None else NO_EXPIRY
    sex_char = sex.value if sex is not None else FILLER
    line2 = dob + str(check_digit(dob)) + sex_char + expiry + str(check_digit(expiry)) + COUNTRY + FILLER * 11
    line2 += str(check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]))
    line3 = fold_name_for_mrz(full_name)[:LINE_LENGTH].ljust(LINE_LENGTH, FILLER)
    return line1, line2, line3


# ---------------------------------------------------------------------------------------------------------
# Reading


def _split_input(lines: Sequence[str]) -> list[str]:
    """Upper-cased lines without spaces, fullwidth forms folded (NFKC), empty lines dropped."""
    out: list[str] = []
    for chunk in [lines] if isinstance(lines, str) else lines:
        for line in unicodedata.normalize("NFKC", chunk).splitlines():
            compact = "".join(line.split()).upper()
            if compact:
                out.append(compact)
    if len(out) == 1 and len(out[0]) == 3 * LINE_LENGTH:
        # The three lines run together: the split is unambiguous.
        out = [out[0][i:i + LINE_LENGTH] for i in range(0, 3 * LINE_LENGTH, LINE_LENGTH)]
    if len(out) > 3:
        # OCR picked up card text above the MRZ: keep the long lines.
        out = [line for line in out if len(line) >= LINE_LENGTH - 5]
    if len(out) != 3:
        raise MrzError(f"expected 3 MRZ lines, got {len(out)}")
    return out


def _fit_coded_line(line: str, prefix_length: int, filler_length: int, number: int) -> str:
    """Lines 1 and 2 end in a run of fillers and a check digit: a run OCR lengthens or shortens.

    Fix the run's length when everything before it has the right length; anything else is ambiguous.
    """
    if len(line) == LINE_LENGTH:
        return line
    body = line[:-1]
    prefix = body.rstrip(FILLER)
    if abs(len(line) - LINE_LENGTH) <= 3 and len(prefix) == prefix_length and len(body) > len(prefix):
        return prefix + FILLER * filler_length + line[-1]
    raise MrzError(f"MRZ line {number} has {len(line)} characters, expected {LINE_LENGTH}")


def _fit_name_line(line: str) -> str:
    if len(line) <= LINE_LENGTH:
        return line.ljust(LINE_LENGTH, FILLER)
    tail = line[LINE_LENGTH:]
    if all(c == FILLER or c in _FILLER_LOOKALIKES for c in tail):
        return line[:LINE_LENGTH]
    raise MrzError(f"MRZ line 3 has {len(line)} characters, expected {LINE_LENGTH}")


def _check_literal(read: str, expected: str, where: str) -> bool:
    """True when `read` is `expected` or a known misreading of it; MrzError when it is something else."""
    changed = False
    for got, want in zip(read, expected, strict=True):
        if got == want:
            continue
        if got not in _LITERAL_LOOKALIKES.get(want, frozenset()):
            raise MrzError(f"not a Vietnamese ID card MRZ: {where} should read {expected!r}")
        changed = True
    return changed


CostTable = dict[str, int]


def _digit_costs(char: str, digit_change_cost: int | None = None) -> CostTable:
    """Cost of reading the character at a digit position as each digit (missing key = impossible)."""
    if char in _DIGITS:
        costs = {char: 0}
        if digit_change_cost is not None:
            costs.update({d: digit_change_cost for d in _DIGITS if d != char})
        return costs
    mapped = _DIGIT_FOR_LETTER.get(char)
    if mapped is None:
        return dict.fromkeys(_DIGITS, _COST_UNKNOWN)
    return {d: _COST_MAPPED if d == mapped else _COST_GUESS for d in _DIGITS}


def _merge_copies(a: CostTable, b: CostTable) -> CostTable:
    """One digit read twice (document number and ID): a digit needs the support of at least one copy."""
    merged = {d: a[d] + b[d] for d in _DIGITS if d in a and d in b}
    return {d: cost for d, cost in merged.items() if cost <= _MAX_MERGED_COST}


@dataclass(frozen=True)
class _Check:
    start: int  # the check digit covers value[start:]
    costs: CostTable  # how the check digit itself was read


@dataclass(frozen=True)
class _Candidate:
    cost: int
    value: str
    check_digits: tuple[str, ...]


class _TooDamaged(Exception):
    pass


def _solve_field(positions: Sequence[CostTable], checks: Sequence[_Check],
                 valid: Callable[[str], bool]) -> list[_Candidate]:
    """Every reading of a field whose check digits are readable as their computed value, with its cost."""
    if any(not p for p in positions) or math.prod(len(p) for p in positions) > _MAX_CANDIDATES:
        raise _TooDamaged
    found: list[_Candidate] = []
    for combo in itertools.product(*(sorted(p.items()) for p in positions)):
        value = "".join(d for d, _ in combo)
        if not valid(value):
            continue
        cost = sum(c for _, c in combo)
        digits: list[str] = []
        for check in checks:
            digit = str(check_digit(value[check.start:]))
            if digit not in check.costs:
                break
            cost += check.costs[digit]
            digits.append(digit)
        else:
            found.append(_Candidate(cost, value, tuple(digits)))
    return found


def _valid_yymmdd(value: str, centuries: Sequence[int]) -> bool:
    yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:6])
    for century in centuries:
        try:
            date(century + yy, mm, dd)
        except ValueError:
            continue
        return True
    return False


def _valid_birth_date(value: str) -> bool:
    return _valid_yymmdd(value, (1900, 2000))


def _valid_expiry(value: str) -> bool:
    return value == NO_EXPIRY or _valid_yymmdd(value, (2000,))


@dataclass(frozen=True)
class _Solution:
    id_number: str
    date_of_birth: str
    expiry: str
    cost: int


def _failed_checks(line1: str, line2: str) -> list[str]:
    """Which checks fail on the lines as read, for the error message."""
    def ok(data: str, digit: str) -> bool:
        try:
            return str(check_digit(data)) == digit
        except ValueError:
            return False

    failed = []
    if not ok(line1[5:14], line1[14]):
        failed.append("document number")
    if not ok(line1[15:27], line1[29]):
        failed.append("ID number")
    if line1[5:14] != line1[18:27]:
        failed.append("document number = ID[3:]")
    if not ok(line2[0:6], line2[6]):
        failed.append("date of birth")
    if not ok(line2[8:14], line2[14]):
        failed.append("expiry date")
    if not ok(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29], line2[29]):
        failed.append("composite")
    return failed or ["composite"]


def _solve(line1: str, line2: str) -> _Solution:
    doc = [_digit_costs(c, _COST_DIGIT_CHANGE) for c in line1[5:14]]
    id_copy = [_digit_costs(c, _COST_DIGIT_CHANGE if i >= 3 else None) for i, c in enumerate(line1[15:27])]
    id_positions = id_copy[:3] + [_merge_copies(a, b) for a, b in zip(doc, id_copy[3:], strict=True)]
    ids = _solve_field(id_positions, [_Check(3, _digit_costs(line1[14])), _Check(0, _digit_costs(line1[29]))],
                       lambda _: True)
    dobs = _solve_field([_digit_costs(c) for c in line2[0:6]], [_Check(0, _digit_costs(line2[6]))],
                        _valid_birth_date)
    expiries = _solve_field([_digit_costs(c) for c in line2[8:14]], [_Check(0, _digit_costs(line2[14]))],
                            _valid_expiry)
    if not (ids and dobs and expiries):
        raise MrzError("MRZ check digits fail (" + ", ".join(_failed_checks(line1, line2))
                       + ") and no OCR correction makes them pass")
    if len(ids) * len(dobs) * len(expiries) > _MAX_CANDIDATES:
        raise _TooDamaged
    composite_costs = _digit_costs(line2[29])
    best: list[_Solution] = []
    for id_c, dob_c, exp_c in itertools.product(ids, dobs, expiries):
        doc_cd, id_cd = id_c.check_digits
        data = (id_c.value[3:] + doc_cd + id_c.value + FILLER * 2 + id_cd
                + dob_c.value + dob_c.check_digits[0] + exp_c.value + exp_c.check_digits[0] + FILLER * 11)
        composite = str(check_digit(data))
        if composite not in composite_costs:
            continue
        solution = _Solution(id_c.value, dob_c.value, exp_c.value,
                             id_c.cost + dob_c.cost + exp_c.cost + composite_costs[composite])
        if not best or solution.cost < best[0].cost:
            best = [solution]
        elif solution.cost == best[0].cost:
            best.append(solution)
    if not best:
        raise MrzError("MRZ composite check digit fails (" + ", ".join(_failed_checks(line1, line2))
                       + ") and no OCR correction makes it pass")
    if len(best) > 1:
        raise MrzError("MRZ is ambiguous: several corrections make the check digits pass")
    return best[0]


def _clean_name_line(line: str) -> tuple[list[str], bool]:
    """Words of the name line, and whether cleaning changed anything besides the padding."""
    letters = "".join(
        c if ("A" <= c <= "Z" or c == FILLER) else _LETTER_FOR_DIGIT.get(c, FILLER) for c in line)
    changed = letters != line
    primary, _, rest = letters.partition(FILLER * 2)
    secondary, _, remainder = rest.partition(FILLER * 2)
    words: list[str] = []
    for word in (primary + FILLER + secondary).split(FILLER):
        # Every Vietnamese syllable has a vowel: a vowel-less run of `<` look-alikes is misread filler.
        if word and (set(word) & _VOWELS or not set(word) <= _FILLER_LOOKALIKES):
            words.append(word)
        elif word:
            changed = True
    for word in remainder.split(FILLER):
        # After the given names only filler may follow.
        if word and set(word) <= _FILLER_LOOKALIKES:
            changed = True
        elif word:
            words.append(word)
            changed = True
    return words, changed


# The filler `<` misread as K leaves "KK" inside a word or a K ending one; no Vietnamese syllable ends in K
# and none has a double K. (K before a consonant does occur: Ê Đê and Jrai names such as Ksor, Kpă.) The
# name line has no check digit, so this is the only guard.
_IMPOSSIBLE_K = re.compile(r"KK|(?<=.)K$")


def _impossible_spelling(word: str) -> bool:
    return bool(_IMPOSSIBLE_K.search(word))


def _date_of_birth(yymmdd: str, id_number: str, today: date) -> date | None:
    """The date of birth, its century from the ID's century digit, else the latest one not in the future."""
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    centuries = [2000, 1900]
    if is_id_number(id_number):
        from_id = 1900 + 100 * (decode_id_number(id_number).century_digit // 2)
        centuries.insert(0, from_id)
    for century in centuries:
        try:
            candidate = date(century + yy, mm, dd)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


# Words for people: kiosk.ui.notice_texts (reading.<code>).
_REPAIRED = ReadingWarning("mrz_repaired")
_NAME_UNCERTAIN = ReadingWarning("mrz_name_uncertain")
_SEX_FROM_ID = ReadingWarning("mrz_sex_from_id")
_BAD_DOB = ReadingWarning("bad_date_of_birth", wording="bad_date_of_birth_mrz")
_EXPIRED = ReadingWarning("card_expired")


def parse_td1(lines: Sequence[str], *, today: date | None = None) -> IdentityReading:
    """Read a Vietnamese ID card's TD1 MRZ, repairing OCR errors the check digits can vouch for.

    `today` (default: the current date) resolves two-digit birth years when the ID's century digit cannot,
    and flags expired cards. Raises MrzError when the lines cannot be made valid.
    """
    today = today or date.today()
    read1, read2, read3 = _split_input(lines)
    line1 = _fit_coded_line(read1, 27, 2, 1)
    line2 = _fit_coded_line(read2, 18, 11, 2)
    line3 = _fit_name_line(read3)
    changed = (line1, line2) != (read1, read2)
    changed |= _check_literal(line1[0], "I", "line 1")
    changed |= _check_literal(line1[1], "D", "line 1")
    changed |= _check_literal(line1[2:5], COUNTRY, "the issuing country")
    changed |= _check_literal(line2[15:18], COUNTRY, "the nationality")
    changed |= line1[27:29] != FILLER * 2 or line2[18:29] != FILLER * 11
    try:
        solution = _solve(line1, line2)
    except _TooDamaged:
        raise MrzError("too many unreadable MRZ characters") from None
    changed |= solution.cost > 0

    warnings: list[ReadingWarning] = [_REPAIRED] if changed else []
    words, name_changed = _clean_name_line(line3)
    if name_changed or not words or any(_impossible_spelling(w) for w in words):
        warnings.append(_NAME_UNCERTAIN)

    id_info = decode_id_number(solution.id_number)
    sex = {"M": Sex.MALE, "F": Sex.FEMALE}.get(line2[7])
    if sex is None and line2[7] != FILLER:
        sex = id_info.sex
        warnings.append(_SEX_FROM_ID)

    raw: dict[str, str] = {}
    dob = _date_of_birth(solution.date_of_birth, solution.id_number, today)
    if dob is None:
        raw["date_of_birth"] = solution.date_of_birth
        warnings.append(_BAD_DOB)
    expiry: date | None = None
    if solution.expiry == NO_EXPIRY:
        raw["expiry_date"] = NO_EXPIRY  # the marker for "no expiry", as opposed to an unread one
    else:
        expiry = date(2000 + int(solution.expiry[:2]), int(solution.expiry[2:4]), int(solution.expiry[4:6]))
        if expiry < today:
            warnings.append(_EXPIRED)
    warnings.extend(check_id_number(solution.id_number, dob, sex))

    return IdentityReading(
        source="mrz",
        id_number=solution.id_number,
        full_name=" ".join(words),
        date_of_birth=dob,
        sex=sex,
        expiry_date=expiry,
        raw_fields=raw,
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------------------------------------------------
# Any country's passport (TD3, 2 × 44) and ID card (TD1, 3 × 30): ICAO 9303 parts 4 and 5.

TD3_LINE_LENGTH: Final = 44

# ISO 3166-1 alpha-3 codes, and the codes ICAO 9303 part 3 adds (D for Germany, the British variants, the
# UN, the stateless and refugee codes, UTO for the specimen state Utopia).
_ISO_ALPHA3_TEXT: Final = """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH
BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB
CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO
GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN
IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA
MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER
NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU
RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT
WLF WSM YEM ZAF ZMB ZWE
"""
_ISO_ALPHA3: Final = frozenset(_ISO_ALPHA3_TEXT.split())
_ICAO_EXTRA: Final = frozenset({"D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XXA", "XXB",
                                "XXC", "XXX", "XBA", "XIM", "XCC", "XCE", "XCO", "XDC", "XEC", "XES", "XMP",
                                "XOM", "XPO", "XDS", "EUE", "RKS", "UTO", "ANT", "NTZ"})
_TRAVEL_DIGIT_FOR_LETTER: Final = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5",
                                   "G": "6", "B": "8"}


def is_state_code(code: str) -> bool:
    """An ICAO 9303 issuing-state / nationality code (fillers stripped): ISO 3166 alpha-3 or an ICAO one."""
    bare = code.rstrip(FILLER)
    return bare in _ISO_ALPHA3 or bare in _ICAO_EXTRA


def _travel_lines(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for chunk in [lines] if isinstance(lines, str) else lines:
        for line in unicodedata.normalize("NFKC", chunk).splitlines():
            compact = "".join(line.split()).upper()
            if compact:
                out.append(compact)
    if len(out) == 1 and len(out[0]) in (2 * TD3_LINE_LENGTH, 3 * LINE_LENGTH):
        n = TD3_LINE_LENGTH if len(out[0]) == 2 * TD3_LINE_LENGTH else LINE_LENGTH
        out = [out[0][i:i + n] for i in range(0, len(out[0]), n)]
    return out


def _digits(field: str) -> str:
    """A numeric field with the letters OCR confuses for digits mapped back (O → 0); a check digit still
    has to vouch for the result."""
    return "".join(_TRAVEL_DIGIT_FOR_LETTER.get(c, c) for c in field)


def _field_ok(data: str, digit: str) -> bool:
    return digit.isdigit() and check_digit(data) == int(digit)


def _travel_date(yymmdd: str, *, past: bool, today: date) -> date | None:
    """A YYMMDD date: a birth date is the latest one not in the future; an expiry date the one in 2000–2099
    unless that is more than 50 years ahead (no document is valid that long: `98` on an old passport is
    1998, not 2098)."""
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    future_century = 2000 if 2000 + yy <= today.year + 50 else 1900
    for century in ((2000, 1900) if past else (future_century,)):
        try:
            candidate = date(century + yy, mm, dd)
        except ValueError:
            return None
        if not past or candidate <= today:
            return candidate
    return None


def _names(field: str) -> tuple[str, str]:
    primary, _, secondary = field.strip(FILLER).partition(FILLER * 2)
    surname = " ".join(w for w in primary.split(FILLER) if w)
    given = " ".join(w for w in secondary.split(FILLER) if w)
    return surname, given


def _document_kind(code: str) -> Literal["passport", "id_card", "visa", "other"]:
    first = code[:1]
    if first == "P":
        return "passport"
    if first in ("I", "A", "C"):
        return "id_card"
    if first == "V":
        return "visa"
    return "other"


def _check_letters(name: str, value: str) -> None:
    if any(c not in _CHAR_VALUES for c in value):
        raise MrzError(f"the {name} holds characters that are not MRZ characters")


def parse_travel_document(lines: Sequence[str], *, today: date | None = None) -> ForeignDocument:
    """Any country's passport (TD3: 2 lines of 44) or ID card (TD1: 3 lines of 30), every check digit
    valid. Numeric fields get O → 0 style repairs (the check digit must then vouch for them); anything
    else that fails a check digit raises MrzError. Unknown state codes are kept, `known_states` says so."""
    today = today or date.today()
    got = _travel_lines(lines)
    if len(got) == 2 and all(len(line) == TD3_LINE_LENGTH for line in got):
        return _parse_td3(got[0], got[1], today)
    if len(got) == 3 and all(len(line) == LINE_LENGTH for line in got):
        return _parse_td1_any(got[0], got[1], got[2], today)
    raise MrzError(f"expected 2 lines of 44 or 3 lines of 30 MRZ characters, got {[len(x) for x in got]}",
                   "document")


def _parse_td3(line1: str, line2: str, today: date) -> ForeignDocument:
    _check_letters("MRZ", line1 + line2)
    number, number_cd = line2[0:9], line2[9]
    nationality = line2[10:13]
    dob, dob_cd = _digits(line2[13:19]), _digits(line2[19])
    sex = line2[20]
    expiry, expiry_cd = _digits(line2[21:27]), _digits(line2[27])
    optional, optional_cd = line2[28:42], _digits(line2[42])
    composite_cd = _digits(line2[43])
    if not _field_ok(number, number_cd):
        raise MrzError("the document number's check digit fails")
    if not _field_ok(dob, dob_cd):
        raise MrzError("the date of birth's check digit fails")
    if not _field_ok(expiry, expiry_cd):
        raise MrzError("the expiry date's check digit fails")
    if not (optional_cd == FILLER and optional.strip(FILLER) == "") and not _field_ok(optional, optional_cd):
        raise MrzError("the optional data's check digit fails")
    composite = number + number_cd + dob + dob_cd + expiry + expiry_cd + optional + optional_cd
    if not _field_ok(composite, composite_cd):
        raise MrzError("the composite check digit fails")
    return _document("TD3", line1[0:2], line1[2:5], nationality, number, line1[5:44], dob, sex, expiry,
                     optional.strip(FILLER), today)


def _parse_td1_any(line1: str, line2: str, line3: str, today: date) -> ForeignDocument:
    _check_letters("MRZ", line1 + line2 + line3)
    number, number_cd, optional1 = line1[5:14], line1[14], line1[15:30]
    if number_cd == FILLER and optional1.strip(FILLER):
        # A document number longer than 9: it runs on into the optional data, up to its check digit.
        extended = optional1.rstrip(FILLER)
        number, number_cd, optional1 = number + extended[:-1], extended[-1], ""
    dob, dob_cd = _digits(line2[0:6]), _digits(line2[6])
    sex = line2[7]
    expiry, expiry_cd = _digits(line2[8:14]), _digits(line2[14])
    nationality, optional2, composite_cd = line2[15:18], line2[18:29], _digits(line2[29])
    if not _field_ok(number, number_cd):
        raise MrzError("the document number's check digit fails")
    if not _field_ok(dob, dob_cd):
        raise MrzError("the date of birth's check digit fails")
    if not _field_ok(expiry, expiry_cd):
        raise MrzError("the expiry date's check digit fails")
    composite = line1[5:30] + dob + dob_cd + expiry + expiry_cd + optional2
    if not _field_ok(composite, composite_cd):
        raise MrzError("the composite check digit fails")
    optional = FILLER.join(p for p in (optional1.strip(FILLER), optional2.strip(FILLER)) if p)
    return _document("TD1", line1[0:2], line1[2:5], nationality, number, line3, dob, sex, expiry, optional,
                     today)


def _document(fmt: Literal["TD1", "TD3"], code: str, issuer: str, nationality: str, number: str, name: str,
              dob: str, sex: str, expiry: str, optional: str, today: date) -> ForeignDocument:
    code = code.rstrip(FILLER)
    if not code or not code[0].isalpha():
        raise MrzError("the document code is not a letter")
    # No check digit covers the code: its first letter is the format's (ICAO 9303-4 and -5), so a misread
    # one (T for I on a small card) is refused rather than carried into the reading.
    if code[0] not in ("PV" if fmt == "TD3" else "IAC"):
        raise MrzError(f"a {fmt} document code starts with {' or '.join('PV' if fmt == 'TD3' else 'IAC')}")
    # ICAO 9303-3: SURNAME<<GIVEN<NAMES then fillers to the end. Letters after a longer run of fillers, or
    # after a second `<<`, are not a name but misread filler or print beside the MRZ (a live frame of a real
    # Australian specimen read JANE<<<<…WWWWWWW): no check digit covers the name, so refuse.
    body = name.strip(FILLER)
    if FILLER * 3 in body or body.count(FILLER * 2) > 1:
        raise MrzError("letters after the end of the name field")
    surname, given = _names(name)
    if not surname:
        raise MrzError("the name field is empty")
    return ForeignDocument(
        kind=_document_kind(code), format=fmt, document_code=code, issuing_state=issuer.rstrip(FILLER),
        nationality=nationality.rstrip(FILLER), document_number=number.rstrip(FILLER), surname=surname,
        given_names=given, date_of_birth=_travel_date(dob, past=True, today=today),
        sex={"M": Sex.MALE, "F": Sex.FEMALE}.get(sex),
        expiry_date=_travel_date(expiry, past=False, today=today),
        optional_data=optional, known_states=is_state_code(issuer) and is_state_code(nationality))


def foreign_reading(document: ForeignDocument) -> IdentityReading:
    """An IdentityReading that carries a foreign document (no Vietnamese ID number)."""
    warnings: list[ReadingWarning] = []
    if document.expiry_date is not None and document.expiry_date < date.today():
        warnings.append(_EXPIRED)
    if not document.known_states:
        warnings.append(ReadingWarning("unknown_state_code"))
    name = " ".join(p for p in (document.surname, document.given_names) if p)
    return IdentityReading(source="mrz", id_number="", full_name=name, date_of_birth=document.date_of_birth,
                           sex=document.sex, expiry_date=document.expiry_date, warnings=tuple(warnings),
                           document=document)
