"""Draw the guides' illustrations (flat shapes, no text, so they need no translation).

    .venv/bin/python resources/guides/make_illustrations.py   # writes the PNGs next to this file

Simple on purpose: big shapes and strong colours read from a metre away and by people who do not read
well. Each picture is 640 × 400 px.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
W, H = 640, 400
BG = "#eaf1fb"
BLUE = "#0b4ea2"
DARK = "#1b2230"
RED = "#c8102e"
GREEN = "#1f7a3a"
SKIN = "#f1c9a5"
PAPER = "#ffffff"
GREY = "#9aa7b8"
YELLOW = "#f6c445"

Draw = ImageDraw.ImageDraw


def qr(d: Draw, x: int, y: int, size: int, seed: int = 7) -> None:
    """A QR-looking square: three finder patterns and a fixed pseudo-random fill."""
    d.rectangle((x, y, x + size, y + size), fill=PAPER)
    n = 21
    m = size / n
    state = seed
    for r in range(n):
        for c in range(n):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            in_finder = (r < 8 and c < 8) or (r < 8 and c > n - 9) or (r > n - 9 and c < 8)
            if not in_finder and state % 3 == 0:
                d.rectangle((x + c * m, y + r * m, x + (c + 1) * m - 1, y + (r + 1) * m - 1), fill=DARK)
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        ox, oy = x + fx * m, y + fy * m
        d.rectangle((ox, oy, ox + 7 * m - 1, oy + 7 * m - 1), fill=DARK)
        d.rectangle((ox + m, oy + m, ox + 6 * m - 1, oy + 6 * m - 1), fill=PAPER)
        d.rectangle((ox + 2 * m, oy + 2 * m, ox + 5 * m - 1, oy + 5 * m - 1), fill=DARK)


def kiosk(d: Draw, x: int, y: int, w: int, h: int) -> None:
    """A kiosk seen from the front: body, screen and the camera dot above the screen."""
    d.rounded_rectangle((x, y, x + w, y + h), radius=18, fill="#d5deeb", outline=DARK, width=4)
    d.rounded_rectangle((x + 18, y + 50, x + w - 18, y + h - 40), radius=10, fill=BLUE)
    d.ellipse((x + w // 2 - 16, y + 14, x + w // 2 + 16, y + 46), fill=DARK)
    d.ellipse((x + w // 2 - 7, y + 23, x + w // 2 + 7, y + 37), fill="#6fa8ff")


def hand(d: Draw, x: int, y: int, scale: float = 1.0) -> None:
    """A simple hand (palm and thumb) holding something above it at (x, y)."""
    s = scale
    d.rounded_rectangle((x - 40 * s, y, x + 40 * s, y + 90 * s), radius=int(30 * s), fill=SKIN,
                        outline="#c99a76", width=3)
    d.rounded_rectangle((x + 25 * s, y - 30 * s, x + 50 * s, y + 30 * s), radius=int(12 * s), fill=SKIN,
                        outline="#c99a76", width=3)


def arrow(d: Draw, x0: int, y0: int, x1: int, y1: int, colour: str = RED) -> None:
    d.line((x0, y0, x1, y1), fill=colour, width=10)
    import math

    angle = math.atan2(y1 - y0, x1 - x0)
    for side in (-0.5, 0.5):
        a = angle + math.pi + side
        d.line((x1, y1, x1 + 34 * math.cos(a), y1 + 34 * math.sin(a)), fill=colour, width=10)


def card_camera(d: Draw) -> None:
    kiosk(d, 40, 30, 260, 340)
    # The card, QR side towards the kiosk, held in a hand.
    d.rounded_rectangle((380, 110, 590, 245), radius=16, fill="#e9f3ff", outline=BLUE, width=5)
    d.rectangle((395, 125, 455, 195), fill="#b9cbe3")
    qr(d, 495, 140, 80, seed=3)
    for i in range(3):
        d.rectangle((395, 205 + i * 12, 470, 210 + i * 12), fill=GREY)
    hand(d, 520, 240)
    arrow(d, 370, 175, 310, 120)


def receipt_scan(d: Draw) -> None:
    kiosk(d, 40, 30, 260, 340)
    torn = [(x, 330 if i % 2 == 0 else 320) for i, x in enumerate(range(390, 566, 15))][::-1]
    d.polygon([(390, 60), (580, 60), (580, 320), *torn], fill=PAPER, outline=DARK)
    qr(d, 430, 90, 110, seed=11)
    for i in range(4):
        d.rectangle((410, 220 + i * 22, 560 - (i % 2) * 40, 230 + i * 22), fill=GREY)
    hand(d, 470, 300)
    arrow(d, 380, 150, 310, 120)


def page_camera(d: Draw) -> None:
    # Desk, page with text lines, camera on an arm looking down, and its field of view.
    d.rectangle((0, 330, W, H), fill="#c9b08a")
    d.polygon([(150, 300), (520, 300), (560, 360), (110, 360)], fill=PAPER, outline=DARK)
    for i in range(4):
        d.line((170 + i * 4, 312 + i * 11, 500 - i * 10, 312 + i * 11), fill=GREY, width=5)
    d.rectangle((560, 90, 580, 360), fill=DARK)
    d.rectangle((330, 60, 580, 85), fill=DARK)
    d.rounded_rectangle((290, 50, 380, 100), radius=10, fill=BLUE)
    d.ellipse((318, 82, 352, 116), fill=DARK)
    d.polygon([(320, 110), (350, 110), (520, 295), (150, 295)], fill="#fff3b0")
    d.polygon([(150, 300), (520, 300), (560, 360), (110, 360)], outline=RED, width=5)
    for i in range(4):
        d.line((170 + i * 4, 312 + i * 11, 500 - i * 10, 312 + i * 11), fill=GREY, width=5)


def qr_payment(d: Draw) -> None:
    kiosk(d, 30, 30, 260, 340)
    qr(d, 95, 120, 130, seed=5)
    # A phone scanning the code.
    d.rounded_rectangle((400, 60, 560, 350), radius=22, fill=DARK)
    d.rounded_rectangle((412, 90, 548, 320), radius=8, fill="#dff3e5")
    d.ellipse((440, 150, 520, 230), fill=GREEN)
    d.line((458, 190, 476, 210), fill=PAPER, width=10)
    d.line((476, 210, 506, 170), fill=PAPER, width=10)
    arrow(d, 390, 200, 300, 190, BLUE)


def receipt(d: Draw) -> None:
    kiosk(d, 40, 30, 260, 340)
    d.rectangle((120, 300, 220, 312), fill=DARK)  # printer slot
    torn = [(x, 345 if i % 2 == 0 else 330) for i, x in enumerate(range(360, 546, 15))][::-1]
    d.polygon([(360, 40), (560, 40), (560, 330), *torn], fill=PAPER, outline=DARK)
    d.rectangle((385, 60, 535, 76), fill=BLUE)
    for i in range(3):
        d.rectangle((385, 92 + i * 20, 535 - i * 30, 100 + i * 20), fill=GREY)
    qr(d, 405, 170, 110, seed=9)
    d.ellipse((520, 270, 600, 350), fill=GREEN)
    d.line((540, 310, 556, 326), fill=PAPER, width=9)
    d.line((556, 326, 584, 290), fill=PAPER, width=9)


def touch_procedure(d: Draw) -> None:
    d.rounded_rectangle((90, 20, 550, 380), radius=18, fill="#d5deeb", outline=DARK, width=4)
    for i in range(4):
        colour = BLUE if i == 1 else PAPER
        d.rounded_rectangle((130, 50 + i * 80, 510, 110 + i * 80), radius=12, fill=colour, outline=BLUE,
                            width=4)
        d.rectangle((160, 74 + i * 80, 360 - (i % 2) * 60, 86 + i * 80), fill=PAPER if i == 1 else GREY)
    # A finger touching the highlighted button.
    d.ellipse((400, 130, 440, 170), outline=YELLOW, width=6)
    d.rounded_rectangle((405, 150, 445, 300), radius=20, fill=SKIN, outline="#c99a76", width=3)
    d.rounded_rectangle((380, 240, 500, 390), radius=40, fill=SKIN, outline="#c99a76", width=3)


def form(d: Draw) -> None:
    d.rounded_rectangle((70, 20, 570, 380), radius=18, fill="#d5deeb", outline=DARK, width=4)
    for i in range(3):
        d.rectangle((110, 45 + i * 70, 280, 57 + i * 70), fill=DARK)
        d.rounded_rectangle((110, 65 + i * 70, 530, 100 + i * 70), radius=8, fill=PAPER,
                            outline=BLUE if i == 2 else GREY, width=4)
    d.rectangle((125, 75, 300, 90), fill=GREEN)
    d.rectangle((125, 145, 260, 160), fill=GREEN)
    # The on-screen keyboard.
    d.rectangle((90, 270, 550, 370), fill="#b8c4d6")
    for r in range(3):
        for c in range(10):
            box = (100 + c * 45, 278 + r * 31, 138 + c * 45, 304 + r * 31)
            d.rounded_rectangle(box, radius=5, fill=PAPER)


def delivery(d: Draw) -> None:
    # A house, the road and a postal van with an envelope.
    d.rectangle((0, 320, W, H), fill="#b8c4d6")
    d.polygon([(440, 140), (540, 70), (640, 140)], fill=RED)
    d.rectangle((455, 140, 625, 320), fill="#f5e6c8", outline=DARK, width=3)
    d.rectangle((520, 230, 560, 320), fill=BLUE)
    d.rounded_rectangle((40, 190, 330, 310), radius=14, fill=YELLOW, outline=DARK, width=4)
    d.rectangle((250, 150, 370, 310), fill=YELLOW, outline=DARK, width=4)
    d.rectangle((270, 170, 350, 220), fill="#bfe0ff")
    d.ellipse((80, 280, 140, 340), fill=DARK)
    d.ellipse((270, 280, 330, 340), fill=DARK)
    d.rectangle((110, 60, 250, 150), fill=PAPER, outline=DARK, width=4)
    d.line((110, 60, 180, 110), fill=DARK, width=4)
    d.line((250, 60, 180, 110), fill=DARK, width=4)
    arrow(d, 385, 250, 440, 250, GREEN)


PICTURES: dict[str, Callable[[Draw], None]] = {
    "card_camera.png": card_camera,
    "receipt_scan.png": receipt_scan,
    "page_camera.png": page_camera,
    "qr_payment.png": qr_payment,
    "receipt.png": receipt,
    "touch_procedure.png": touch_procedure,
    "form.png": form,
    "delivery.png": delivery,
}


def main() -> None:
    for name, paint in PICTURES.items():
        image = Image.new("RGB", (W, H), BG)
        paint(ImageDraw.Draw(image))
        image.save(HERE / name, optimize=True)
        print(HERE / name)


if __name__ == "__main__":
    main()
