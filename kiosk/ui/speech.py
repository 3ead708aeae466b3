"""Reading each screen's instruction aloud (Qt TextToSpeech), for citizens who read with difficulty.

Speech is off by default: kiosks stand in shared spaces (a post office queue, an apartment lobby), and a
machine that talks to everyone passing is a nuisance. The citizen turns it on with the speaker button;
the wipe turns it off again for the next person.

What is said per screen lives here (not scraped from the QML): one short sentence pair, title and what
to do, in plain words. Personal data is never spoken.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
import time

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.ui.texts import QT_TRANSLATE_NOOP, pick

log = logging.getLogger(__name__)

#: Title and instruction of each screen, as spoken (keys are `kiosk.ui.flow.Screen` values).
INSTRUCTIONS: dict[str, str] = {
    "attract": QT_TRANSLATE_NOOP("Texts", "Làm thủ tục hành chính ngay tại đây. Chạm vào màn hình để bắt "
                                          "đầu."),
    "home": QT_TRANSLATE_NOOP("Texts", "Ông bà cần làm gì? Chạm vào tên thủ tục, rồi đưa thẻ căn cước vào "
                                       "camera."),
    "readCard": QT_TRANSLATE_NOOP("Texts", "Đưa thẻ căn cước vào trước camera, mặt có mã QR hướng vào "
                                           "camera. Máy sẽ tự đọc."),
    "confirm": QT_TRANSLATE_NOOP("Texts", "Thông tin của ông bà. Xin kiểm tra lại, chạm vào một ô để sửa "
                                          "nếu chưa đúng."),
    "procedure": QT_TRANSLATE_NOOP("Texts", "Chọn thủ tục. Lệ phí và thời gian giải quyết được ghi dưới tên "
                                            "mỗi thủ tục."),
    "procedureInfo": QT_TRANSLATE_NOOP("Texts", "Thông tin về thủ tục. Xin đọc các giấy tờ cần có, rồi chạm "
                                                "Tiếp tục."),
    "form": QT_TRANSLATE_NOOP("Texts", "Điền tờ khai. Các ô có dấu tích đã được điền từ thẻ căn cước."),
    "documents": QT_TRANSLATE_NOOP("Texts", "Chụp giấy tờ. Đặt từng trang giấy dưới camera, mặt chữ lên "
                                            "trên. Máy tự chụp khi trang nằm yên."),
    "delivery": QT_TRANSLATE_NOOP("Texts", "Chọn cách nhận kết quả: trực tuyến, tại quầy, hoặc qua bưu điện "
                                           "về tận nhà."),
    "review": QT_TRANSLATE_NOOP("Texts", "Kiểm tra lần cuối. Nếu mọi thông tin đã đúng, chạm Gửi hồ sơ."),
    "payment": QT_TRANSLATE_NOOP("Texts", "Thanh toán lệ phí. Quét mã QR bằng ứng dụng ngân hàng."),
    "receipt": QT_TRANSLATE_NOOP("Texts", "Đã nộp hồ sơ. Xin giữ biên nhận; dùng mã hồ sơ để tra cứu tình "
                                          "trạng."),
    "feedback": QT_TRANSLATE_NOOP("Texts", "Ông bà có hài lòng không? Chạm vào một mặt cười."),
    "check": QT_TRANSLATE_NOOP("Texts", "Tra cứu hồ sơ. Đưa mã QR trên biên nhận vào camera, hoặc nhập mã "
                                        "hồ sơ."),
    "account": QT_TRANSLATE_NOOP("Texts", "Tài khoản Cổng dịch vụ công. Chọn đăng ký, liên kết hoặc đăng "
                                          "nhập bằng VNeID."),
    "guides": QT_TRANSLATE_NOOP("Texts", "Hướng dẫn. Chọn một thủ tục để xem từng bước."),
}

VOLUMES = (0.5, 0.75, 1.0)
DEFAULT_VOLUME = 0.75


def instruction(screen: str, language: str) -> str:
    """What is said on entering `screen` ("" for a screen without a sentence)."""
    text = INSTRUCTIONS.get(screen)
    return pick(text, language) if text else ""


PROBE_DEADLINE_S = 5.0
PROBE_RETRY_PAUSE_S = 1.0  # before the second question, when the first was refused


class _SpeechProbe:
    """One question to the speech daemon (`spd-say -L`, in a child process with a deadline, off the GUI
    thread), shared by every Speaker of the program: the answer costs ~3 s and ~1.4 s of CPU. A yes is
    kept; a no (or no answer in time) is asked again by the next Speaker (a busy machine's start-up)."""

    def __init__(self, spd_say: str) -> None:
        self._answered = threading.Event()
        self.finished = threading.Event()
        self._spd_say = spd_say
        threading.Thread(target=self._ask, name="speech-probe", daemon=True).start()

    def is_set(self) -> bool:
        return self._answered.is_set()

    def _ask(self) -> None:
        try:
            self._ask_twice()
        finally:
            self.finished.set()

    def _ask_twice(self) -> None:
        # Twice: the first contact may start the daemon and fail while it comes up (seen here); a hang is
        # not tried again.
        for attempt in (1, 2):
            try:
                subprocess.run([self._spd_say, "-L"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               timeout=PROBE_DEADLINE_S, check=True)
            except subprocess.CalledProcessError:
                if attempt == 1:
                    time.sleep(PROBE_RETRY_PAUSE_S)
                    continue
                log.warning("speech-dispatcher refuses to answer: speech stays silent")
                return
            except (OSError, subprocess.SubprocessError) as error:
                log.warning("speech-dispatcher does not answer (%s): speech stays silent",
                            type(error).__name__)
                return
            self._answered.set()
            return


class _Answered:
    """No daemon to ask (another engine): usable at once."""

    def is_set(self) -> bool:
        return True


_ANSWERED = _Answered()
_probes: dict[str, _SpeechProbe] = {}
_probes_lock = threading.Lock()


def _probe(spd_say: str) -> _SpeechProbe:
    """The program's probe of the daemon behind `spd_say`: started on first use, again after a no."""
    with _probes_lock:
        found = _probes.get(spd_say)
        if found is None or (found.finished.is_set() and not found.is_set()):
            found = _probes[spd_say] = _SpeechProbe(spd_say)
        return found


class Speaker(QObject):
    """One QTextToSpeech engine, made on first use, with a voice for the citizen's language."""

    spoken = Signal(str)  # the text handed to the engine (tests and the demo listen)

    def __init__(self, engine: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._tts: QTextToSpeech | None = None
        self._language = ""
        self._volume = DEFAULT_VOLUME
        self.last_text = ""
        self._warned: set[str] = set()
        # Creating a speech-dispatcher engine blocks inside Qt when the daemon is stuck (seen after speaking
        # with no sound card): the daemon is asked first (`_SpeechProbe`), and nothing waits on its answer.
        spd_say = shutil.which("spd-say") if engine in ("", "speechd") else None
        self._usable: _SpeechProbe | _Answered = _probe(spd_say) if spd_say else _ANSWERED

    @property
    def usable(self) -> bool:
        """False while the speech service is being asked, and for good when it did not answer in time."""
        return self._usable.is_set()

    @property
    def tts(self) -> QTextToSpeech:
        if self._tts is None:
            self._tts = QTextToSpeech(self._engine_name, self) if self._engine_name else QTextToSpeech(self)
            self._tts.setVolume(self._volume)
            self._tts.errorOccurred.connect(self._on_error)
        return self._tts

    @property
    def active(self) -> bool:
        return self._tts is not None

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        if self._tts is not None:
            self._tts.setVolume(volume)

    def say(self, text: str, language: str) -> None:
        """Speak `text` now, cutting off whatever was being said (the screen changed)."""
        if not text:
            return
        if not self.usable:  # never block the screen on a speech service that does not answer
            return
        tts = self.tts
        self._choose_voice(tts, language)
        tts.stop()
        tts.say(text)
        self.last_text = text
        self.spoken.emit(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    def _choose_voice(self, tts: QTextToSpeech, language: str) -> None:
        if language == self._language:
            return
        self._language = language
        wanted = QLocale.Language.Vietnamese if language.startswith("vi") else QLocale.Language.English
        for locale in tts.availableLocales():
            if locale.language() == wanted:
                tts.setLocale(locale)
                return
        if language not in self._warned:
            self._warned.add(language)
            log.warning("no %s voice in text-to-speech engine %r; speaking with its default voice",
                        language, tts.engine())

    def _on_error(self, reason: QTextToSpeech.ErrorReason, message: str) -> None:
        log.warning("text-to-speech: %s (%s)", message, reason.name)
