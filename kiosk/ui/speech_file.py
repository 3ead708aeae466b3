"""Speech you can measure: the kiosk's sentences spoken by espeak-ng (the voice speech-dispatcher uses on
a kiosk) into a WAV file, and the file measured with sox. Used by the tests and by `kiosk speech-check`,
so "speech is on" means a voice really says something in Vietnamese, not only that a flag is set."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

VOICES = {"vi": "vi", "en": "en"}
TIMEOUT_S = 30


class SpeechUnavailable(RuntimeError):
    """espeak-ng or sox is missing (packaging/bootstrap.sh installs both)."""


@dataclass(frozen=True)
class SpokenAudio:
    seconds: float
    rms: float  # 0..1; silence is ~0

    @property
    def audible(self) -> bool:
        return self.seconds > 0.3 and self.rms > 0.005


def speak_to_wav(text: str, language: str, path: Path) -> Path:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise SpeechUnavailable("espeak-ng is not installed")
    voice = VOICES["vi" if language.startswith("vi") else "en"]
    subprocess.run([espeak, "-v", voice, "-w", str(path), text], check=True, capture_output=True,
                   timeout=TIMEOUT_S)
    return path


def measure_wav(path: Path) -> SpokenAudio:
    sox = shutil.which("sox")
    if sox is None:
        raise SpeechUnavailable("sox is not installed")
    # `sox FILE -n stat` prints its table on stderr.
    result = subprocess.run([sox, str(path), "-n", "stat"], capture_output=True, text=True,
                            timeout=TIMEOUT_S, check=True)
    lines = re.findall(r"^([A-Za-z ()]+?):\s+(-?[\d.]+)\s*$", result.stderr, re.MULTILINE)
    stats: dict[str, str] = dict(lines)
    rms = next((v for k, v in stats.items() if k.startswith("RMS") and k.endswith("amplitude")), "0")
    return SpokenAudio(seconds=float(stats.get("Length (seconds)", "0")), rms=float(rms))


def speak_and_measure(text: str, language: str, folder: Path, name: str = "spoken") -> SpokenAudio:
    return measure_wav(speak_to_wav(text, language, folder / f"{name}.wav"))
