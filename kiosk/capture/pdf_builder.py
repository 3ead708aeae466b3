"""Pages to a compact PDF (≥ 1.4, 100 % scale) with the document's metadata in it.

Encodings (`EncodeSettings`), chosen per page by its mode:

- **bw**: a 1-bit CCITT Group 4 image (Pillow's libtiff writer, single strip), embedded as is.
- **color** / **gray**, `encoding="mrc"` (the default): the page *separated into text and background*
  (mixed raster content). Dark, neutral ink becomes a 1-bit G4 stencil mask at the page's full resolution,
  painted in the ink's own colour; everything else — paper, stamps, signatures, coloured print — stays in a
  JPEG background in which the text's pixels are filled with the paper around them. After lighting
  flattening that background is mostly pure white, which JPEG stores almost for free, and the text keeps
  sharp edges that JPEG would smear at any quality that fits the budget.
- **color** / **gray**, `encoding="jpeg"`: one JPEG of the whole page (quality and chroma subsampling
  configurable), for components where a single image is wanted.

Building: img2pdf makes the pages from the encoded images without re-encoding (JPEG as DCTDecode, G4 as
CCITTFaxDecode), at the page size their dpi gives (pixels / dpi × 72 pt). For MRC pages pikepdf then adds
the G4 mask as an /ImageMask image over the background. Last, pikepdf writes the metadata: the document
info dictionary (Title, Author = who digitised, Subject = the summary, Keywords = the document code) and
XMP (dc:title, dc:identifier = the document code, dc:description, dc:creator, and every
`DocumentMetadata` field in the kiosk's own namespace `KIOSK_XMP_NS`).

Room for signatures: the kiosk leaves page 1's top corners alone (the digitiser signs top-left, the agency
top-right); signing is a later step on the finished file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import cv2
import img2pdf
import numpy as np
import pikepdf
from PIL import Image

from kiosk.capture.page_enhance import Mode, to_bw
from kiosk.domain.documents import DEFAULT_CODE_PATTERN, DocumentMetadata

PDF_VERSION = "1.4"
KIOSK_XMP_NS = "https://dichvucong.kiosk/ns/document/1.0/"
KIOSK_XMP_PREFIX = "kdoc"
PRODUCER = "Kiosk Dịch vụ công (img2pdf, pikepdf)"

Encoding = Literal["mrc", "jpeg"]
Subsampling = Literal["4:2:0", "4:2:2", "4:4:4"]
_PIL_SUBSAMPLING = {"4:4:4": 0, "4:2:2": 1, "4:2:0": 2}


@dataclass(frozen=True)
class EncodeSettings:
    encoding: Encoding = "mrc"
    jpeg_quality: int = 60  # whole-page JPEG (encoding="jpeg")
    subsampling: Subsampling = "4:2:0"
    background_quality: int = 50  # MRC background JPEG
    background_dpi: int | None = None  # MRC background resolution; None: the page's own (compliant ≥ 200)
    # A page's byte budget: an MRC page over it gets its background (photos, colour, never the text, which
    # stays in the full-resolution G4 mask) re-encoded coarser until it fits. None: no budget.
    max_page_bytes: int | None = 150 * 1024

    def __post_init__(self) -> None:
        if self.encoding not in ("mrc", "jpeg"):
            raise ValueError(f"encoding must be 'mrc' or 'jpeg', not {self.encoding!r}")
        for name in ("jpeg_quality", "background_quality"):
            if not 1 <= getattr(self, name) <= 100:
                raise ValueError(f"{name} must be between 1 and 100")
        if self.subsampling not in _PIL_SUBSAMPLING:
            raise ValueError(f"subsampling must be one of {sorted(_PIL_SUBSAMPLING)}")


@dataclass(frozen=True)
class EncodedPage:
    """One page's encoded image(s), ready for the PDF."""

    width_px: int
    height_px: int
    dpi: int
    kind: Literal["jpeg", "g4", "mrc"]
    image: bytes  # JPEG (jpeg, mrc background) or single-strip G4 TIFF (g4)
    mask: bytes | None = None  # mrc: the text as a G4 TIFF at the page's resolution
    ink: tuple[float, float, float] = (0.0, 0.0, 0.0)  # mrc: RGB 0–1 the mask is painted in

    @property
    def nbytes(self) -> int:
        return len(self.image) + (len(self.mask) if self.mask else 0)

    @property
    def width_pt(self) -> float:
        return self.width_px / self.dpi * 72

    @property
    def height_pt(self) -> float:
        return self.height_px / self.dpi * 72


# ------------------------------------------------------------------------------------------- encoding


def jpeg_bytes(image: np.ndarray, dpi: int, quality: int, subsampling: Subsampling = "4:2:0") -> bytes:
    """A baseline JPEG (Huffman-optimised) of a BGR or grey image, with its dpi in the JFIF header."""
    pil = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB) if image.ndim == 3 else image)
    out = io.BytesIO()
    kwargs: dict[str, object] = {"quality": quality, "optimize": True, "dpi": (dpi, dpi)}
    if image.ndim == 3:
        kwargs["subsampling"] = _PIL_SUBSAMPLING[subsampling]
    pil.save(out, "JPEG", **kwargs)
    return out.getvalue()


def g4_bytes(ink: np.ndarray, dpi: int) -> bytes:
    """A single-strip CCITT G4 TIFF of a boolean ink map (True = black)."""
    pil = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).convert("1")
    out = io.BytesIO()
    pil.save(out, "TIFF", compression="group4", dpi=(dpi, dpi), tiffinfo={278: ink.shape[0]})
    return out.getvalue()


def text_mask(page: np.ndarray, dpi: int) -> np.ndarray:
    """The page's dark, neutral ink (boolean): what the MRC text layer carries. Coloured marks (a red
    stamp, a blue signature) and light tints stay in the background."""
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    ink = to_bw(grey, dpi) == 0
    if page.ndim == 3:
        # Neutral relative to how dark it is: a thin blue pen stroke blurred into the paper is light and only
        # moderately saturated, yet plainly not black ink; it must keep its colour in the background.
        ink &= ~_coloured(page)
    return ink


def _coloured(page: np.ndarray) -> np.ndarray:
    """Pixels whose chroma (max − min channel) is at least 0.3 × their darkness (255 − mean), i.e.
    10 × chroma + b + g + r ≥ 765: exact in 16-bit integers, on OpenCV's vectorised per-plane operations
    (float planes in NumPy cost ~0.07 s per A4 page at 200 dpi, and this runs twice per page)."""
    b, g, r = cv2.split(page)
    chroma = cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r))
    total = cv2.add(cv2.add(b, g, dtype=cv2.CV_16S), r, dtype=cv2.CV_16S)
    score = cv2.scaleAdd(chroma.astype(np.int16), 10.0, total)
    return np.asarray(score >= 765)


def _fill_text(page: np.ndarray, ink: np.ndarray, dpi: int) -> np.ndarray:
    """The background layer: the page with the text's pixels (and their anti-aliased fringe) replaced by
    the surrounding paper. Most pages are white there, so a median of the neighbourhood does."""
    grow = max(1, round(dpi / 100))
    fringe = cv2.dilate(ink.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE,
                                                                        (2 * grow + 1, 2 * grow + 1)))
    out = page.copy()
    # Paper colour around the text: a heavy median of the page without the text.
    small = cv2.resize(np.where(fringe[..., None] > 0, 255, page) if page.ndim == 3
                       else np.where(fringe > 0, 255, page), None, fx=0.125, fy=0.125,
                       interpolation=cv2.INTER_AREA)
    paper = cv2.resize(cv2.medianBlur(small, 5), (page.shape[1], page.shape[0]),
                       interpolation=cv2.INTER_LINEAR)
    replace = fringe > 0
    if page.ndim == 3:  # coloured strokes beside or under the text (a signature, a stamp) stay
        light = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) >= 235
        replace &= ~(_coloured(page) & ~light) | ink
    out[replace] = paper[replace]
    return out


INK_PERCENTILE = 20  # the text's colour: dark end of its pixels (the median is diluted by anti-aliased edges)


def _ink_colour(page: np.ndarray, ink: np.ndarray) -> tuple[float, float, float]:
    """RGB 0–1 to paint the text layer in: the ink's own dark tone (black, or a blue-black ballpoint)."""
    if not ink.any():
        return (0.0, 0.0, 0.0)
    if page.ndim == 2:
        v = float(np.percentile(page[ink], INK_PERCENTILE)) / 255
        return (v, v, v)
    b, g, r = (float(np.percentile(page[:, :, i][ink], INK_PERCENTILE)) / 255 for i in range(3))
    return (r, g, b)


def encode_page(image: np.ndarray, mode: Mode, dpi: int,
                settings: EncodeSettings | None = None) -> EncodedPage:
    """Encode a processed page (BGR for color, grey for gray, 0/255 for bw) for the PDF."""
    settings = settings or EncodeSettings()
    h, w = image.shape[:2]
    if mode == "bw":
        grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        return EncodedPage(w, h, dpi, "g4", g4_bytes(grey < 128, dpi))
    page = image if mode == "color" or image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if settings.encoding == "jpeg":
        jpeg = jpeg_bytes(page, dpi, settings.jpeg_quality, settings.subsampling)
        return EncodedPage(w, h, dpi, "jpeg", jpeg)
    ink = text_mask(page, dpi)
    background = _fill_text(page, ink, dpi)
    bg_dpi = settings.background_dpi or dpi
    if bg_dpi != dpi:
        bg_size = (max(1, round(w * bg_dpi / dpi)), max(1, round(h * bg_dpi / dpi)))
        background = cv2.resize(background, bg_size, interpolation=cv2.INTER_AREA)
    mask = g4_bytes(ink, dpi)
    colour = _ink_colour(page, ink)
    # Coarser backgrounds, tried in order while the page is over its budget.
    steps = [(settings.background_quality, 1.0), (35, 1.0), (35, 0.6), (25, 0.5), (20, 0.35)]
    for quality, scale in steps:
        if quality > settings.background_quality:
            continue
        scaled = background
        if scale < 1.0:
            scaled = cv2.resize(background, (max(1, round(background.shape[1] * scale)),
                                             max(1, round(background.shape[0] * scale))),
                                interpolation=cv2.INTER_AREA)
        # The background JPEG's dpi makes img2pdf give it the same page size as the mask.
        bg_dpi_exact = scaled.shape[1] / (w / dpi)
        jpeg = jpeg_bytes(scaled, round(bg_dpi_exact), quality, settings.subsampling)
        if settings.max_page_bytes is None or len(jpeg) + len(mask) <= settings.max_page_bytes:
            break
    return EncodedPage(w, h, dpi, "mrc", jpeg, mask, colour)


def render_encoded(encoded: EncodedPage) -> np.ndarray:
    """What a viewer shows for an encoded page, at its own resolution (BGR for colour, grey otherwise):
    the decoded JPEG, the decoded G4, or for MRC the background with the text painted over it."""
    if encoded.kind == "g4":
        return np.asarray(Image.open(io.BytesIO(encoded.image)).convert("L"))
    image = cv2.imdecode(np.frombuffer(encoded.image, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise ValueError("undecodable page image")
    if encoded.kind == "jpeg" or encoded.mask is None:
        return np.asarray(image)
    if image.shape[1] != encoded.width_px or image.shape[0] != encoded.height_px:
        image = cv2.resize(image, (encoded.width_px, encoded.height_px), interpolation=cv2.INTER_LINEAR)
    ink = np.asarray(Image.open(io.BytesIO(encoded.mask)).convert("L")) < 128
    r, g, b = encoded.ink
    colour = (round(b * 255), round(g * 255), round(r * 255)) if image.ndim == 3 else round(r * 255)
    out = image.copy()
    out[ink] = colour
    return out


# ---------------------------------------------------------------------------------------------- PDF


LayoutFun = Callable[[int, int, tuple[float, float]], tuple[float, float, float, float]]


def _layout(page_sizes: list[tuple[float, float]]) -> LayoutFun:
    """img2pdf layout (called once per image, in order): each page exactly the size its encoded page says
    (pixels / dpi × 72 pt), whatever the dpi rounding in an image header."""
    counter = iter(page_sizes)

    def layout(imgwidthpx: int, imgheightpx: int,
               ndpi: tuple[float, float]) -> tuple[float, float, float, float]:
        width_pt, height_pt = next(counter)
        return width_pt, height_pt, width_pt, height_pt

    return layout


def build_pdf(pages: Sequence[EncodedPage], metadata: DocumentMetadata | None = None, *,
              code_pattern: str = DEFAULT_CODE_PATTERN, title: str | None = None,
              created: datetime | None = None) -> bytes:
    """The PDF of `pages` (in order), with `metadata` in its document info and XMP."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    sizes = [(p.width_pt, p.height_pt) for p in pages]
    base = img2pdf.convert([p.image for p in pages], layout_fun=_layout(sizes), creationdate=created,
                           moddate=created)  # img2pdf's info strings must be ASCII: pikepdf writes ours
    keep_open: list[pikepdf.Pdf] = []  # copied streams are read from their source at save time
    with pikepdf.open(io.BytesIO(base)) as pdf:
        for encoded, page in zip(pages, pdf.pages, strict=True):
            if encoded.kind == "mrc" and encoded.mask is not None:
                keep_open.append(_add_mask(pdf, page, encoded))
        _write_metadata(pdf, metadata, code_pattern=code_pattern, title=title, created=created)
        out = io.BytesIO()
        pdf.save(out, min_version=PDF_VERSION, deterministic_id=True)
    for other in keep_open:
        other.close()
    return out.getvalue()


def _add_mask(pdf: pikepdf.Pdf, page: pikepdf.Page, encoded: EncodedPage) -> pikepdf.Pdf:
    """Paint the G4 text layer over the page's background as a stencil mask in the ink colour. Returns the
    small PDF the mask image was taken from (close it after saving)."""
    assert encoded.mask is not None
    mask_pdf = pikepdf.open(io.BytesIO(img2pdf.convert(encoded.mask)))
    source = next(iter(mask_pdf.pages[0].Resources.XObject.values()))
    image = pdf.copy_foreign(source)
    # As a stencil: no colour space; what the grey image shows black is what gets painted.
    del image[pikepdf.Name.ColorSpace]
    image.ImageMask = True
    image.BitsPerComponent = 1
    name = page.add_resource(image, pikepdf.Name.XObject, prefix="Tx")
    r, g, b = encoded.ink
    content = (f"q {r:.3f} {g:.3f} {b:.3f} rg {encoded.width_pt:.4f} 0 0 {encoded.height_pt:.4f} 0 0 cm "
               f"{name} Do Q").encode("ascii")
    page.contents_add(pikepdf.Stream(pdf, content), prepend=False)
    return mask_pdf


def _write_metadata(pdf: pikepdf.Pdf, metadata: DocumentMetadata | None, *, code_pattern: str,
                    title: str | None, created: datetime | None) -> None:
    code = metadata.document_code(code_pattern) if metadata is not None else None
    doc_title = title or (metadata.document_name if metadata is not None else None)
    when = created or datetime.now(UTC)
    pikepdf.models.metadata.PdfMetadata.register_xml_namespace(KIOSK_XMP_NS, KIOSK_XMP_PREFIX)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["pdf:Producer"] = PRODUCER
        xmp["xmp:CreatorTool"] = PRODUCER
        xmp["xmp:CreateDate"] = when.isoformat()
        if doc_title:
            xmp["dc:title"] = doc_title
        if metadata is not None and code is not None:
            xmp["dc:identifier"] = code
            xmp["dc:description"] = metadata.summary
            xmp["pdf:Keywords"] = code
            if metadata.digitised_by:
                xmp["dc:creator"] = [metadata.digitised_by]
            # Every field, empty ones too (the reader sees which were left blank). The SHA-256 of this very
            # file cannot be in it: it is kept in the metadata JSON beside the PDF.
            for key, value in metadata.to_json_dict(code_pattern).items():
                xmp[f"{{{KIOSK_XMP_NS}}}{key}"] = "" if value is None else str(value)
    info = pdf.docinfo
    info["/Producer"] = PRODUCER
    info["/Creator"] = PRODUCER
    if doc_title:
        info["/Title"] = doc_title
    if metadata is not None and code is not None:
        if metadata.digitised_by:
            info["/Author"] = metadata.digitised_by
        info["/Subject"] = metadata.summary
        info["/Keywords"] = code


__all__ = [
    "KIOSK_XMP_NS", "KIOSK_XMP_PREFIX", "PDF_VERSION", "PRODUCER", "EncodeSettings", "EncodedPage",
    "Encoding", "build_pdf", "encode_page", "g4_bytes", "jpeg_bytes", "render_encoded", "text_mask",
]
