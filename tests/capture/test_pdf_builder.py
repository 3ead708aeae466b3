"""The PDF: version, pages at 100 % scale, images embedded as encoded (no re-encoding), the MRC text layer,
and the document's metadata in the info dictionary and XMP."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import cv2
import numpy as np
import pikepdf
import pytest

from kiosk.bench.docs_corpus import document_page
from kiosk.capture.pdf_builder import (
    KIOSK_XMP_NS,
    EncodeSettings,
    build_pdf,
    encode_page,
    render_encoded,
    text_mask,
)
from kiosk.domain.documents import DocumentMetadata

DPI = 100


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """A clean colour page (BGR, A4 at 100 dpi): black text, a red stamp, a blue signature."""
    rgb, _ = document_page(5, dpi=DPI)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def metadata() -> DocumentMetadata:
    return DocumentMetadata(
        document_type_code="GXN", document_name="Giấy xác nhận thông tin về cư trú",
        summary="Xác nhận nơi cư trú của ông Nguyễn Văn An", validity=date(2026, 6, 30),
        owner_id_number="001089012345", issuing_body="UBND phường Tràng Tiền", signer="Trần Văn Bình",
        document_number="45/XN-UBND", issue_date=date(2025, 1, 2), digitised_by="Bưu điện Hoàn Kiếm",
        digitised_at=datetime(2025, 3, 4, 2, 30, tzinfo=UTC), page_count=2,
    )


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def images_of(pdf_page: pikepdf.Page) -> list[pikepdf.Stream]:
    return list(pdf_page.Resources.XObject.values())


def test_jpeg_pages_are_embedded_as_encoded_at_100_percent(page: np.ndarray) -> None:
    encoded = encode_page(page, "color", DPI, EncodeSettings(encoding="jpeg", jpeg_quality=70))
    data = build_pdf([encoded, encoded])
    with open_pdf(data) as pdf:
        assert pdf.pdf_version >= "1.4" and data.startswith(b"%PDF-1.")
        assert len(pdf.pages) == 2
        box = [float(v) for v in pdf.pages[0].MediaBox]
        assert box == pytest.approx([0, 0, 827 / DPI * 72, 1169 / DPI * 72], abs=0.01)  # A4: 595.4 × 841.7
        (image,) = images_of(pdf.pages[0])
        assert image.Filter == pikepdf.Name.DCTDecode
        assert image.read_raw_bytes() == encoded.image  # the very JPEG we made: no re-encoding


def test_black_and_white_pages_are_ccitt_g4(page: np.ndarray) -> None:
    ink = text_mask(page, DPI)
    bw = np.where(ink, 0, 255).astype(np.uint8)
    encoded = encode_page(bw, "bw", DPI)
    assert encoded.kind == "g4" and encoded.nbytes < 40_000
    with open_pdf(build_pdf([encoded])) as pdf:
        (image,) = images_of(pdf.pages[0])
        assert image.Filter == pikepdf.Name.CCITTFaxDecode or image.Filter == [pikepdf.Name.CCITTFaxDecode]
        assert int(image.BitsPerComponent) == 1
    shown = render_encoded(encoded)
    assert np.array_equal(shown < 128, ink)


def test_colour_pages_are_text_over_background(page: np.ndarray) -> None:
    encoded = encode_page(page, "color", DPI)
    assert encoded.kind == "mrc" and encoded.mask is not None
    assert max(encoded.ink) < 0.35  # the text is painted in its own (dark) colour
    with open_pdf(build_pdf([encoded])) as pdf:
        kinds = {}
        for image in images_of(pdf.pages[0]):
            filters = image.Filter if isinstance(image.Filter, pikepdf.Array) else [image.Filter]
            kinds[str(filters[0])] = image
        background, text = kinds["/DCTDecode"], kinds["/CCITTFaxDecode"]
        assert background.read_raw_bytes() == encoded.image
        assert bool(text.ImageMask) and "/ColorSpace" not in text
        assert (int(text.Width), int(text.Height)) == (827, 1169)
        content = pdf.pages[0].Contents.read_bytes() if not isinstance(pdf.pages[0].Contents, pikepdf.Array) \
            else b"".join(c.read_bytes() for c in pdf.pages[0].Contents)
        assert b" rg " in content and b"Do" in content
    # What a viewer shows stays close to the page: the text where it was, the red stamp red.
    shown = render_encoded(encoded)
    page_grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY).astype(int)
    shown_grey = cv2.cvtColor(shown, cv2.COLOR_BGR2GRAY).astype(int)
    assert np.mean(np.abs(page_grey - shown_grey)) < 8
    b, g, r = (shown[:, :, i].astype(int) for i in range(3))
    assert np.count_nonzero((r > 150) & (g < 120) & (b < 120)) > 300


def test_the_text_layer_leaves_coloured_ink_alone(page: np.ndarray) -> None:
    ink = text_mask(page, DPI)
    b, g, r = (page[:, :, i].astype(int) for i in range(3))
    red = (r > 150) & (g < 110) & (b < 110)
    assert red.any() and not (ink & red).any()
    assert ink.mean() > 0.01


def test_mrc_is_much_smaller_than_a_whole_page_jpeg(page: np.ndarray) -> None:
    mrc = encode_page(page, "color", DPI)
    jpeg = encode_page(page, "color", DPI, EncodeSettings(encoding="jpeg", jpeg_quality=75))
    assert mrc.nbytes < jpeg.nbytes / 2
    grey = encode_page(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), "gray", DPI)
    assert grey.kind == "mrc" and grey.nbytes < mrc.nbytes


def test_metadata_goes_into_the_info_dictionary_and_xmp(page: np.ndarray, metadata: DocumentMetadata) -> None:
    encoded = encode_page(page, "color", DPI, EncodeSettings(encoding="jpeg"))
    data = build_pdf([encoded, encoded], metadata, created=datetime(2025, 3, 4, 2, 31, tzinfo=UTC))
    code = "001089012345.GXN.45-XN-UBND.01"
    assert metadata.document_code() == code
    with open_pdf(data) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == "Giấy xác nhận thông tin về cư trú"
        assert str(info.Author) == "Bưu điện Hoàn Kiếm"
        assert str(info.Subject) == "Xác nhận nơi cư trú của ông Nguyễn Văn An"
        assert str(info.Keywords) == code
        xmp = pdf.open_metadata()
        assert xmp["dc:identifier"] == code
        assert xmp["dc:title"] == "Giấy xác nhận thông tin về cư trú"
        ours = f"{{{KIOSK_XMP_NS}}}"
        fields = {key.removeprefix(ours): value for key, value in xmp.items() if key.startswith(ours)}
    assert fields["document_code"] == code
    assert fields["owner_id_number"] == "001089012345"
    assert fields["document_number"] == "45/XN-UBND" and fields["validity"] == "2026-06-30"
    assert fields["page_count"] == "2" and fields["sha256"] == ""  # the file's own hash lives beside it
    assert set(fields) == set(metadata.to_json_dict())


def test_a_pdf_without_metadata_is_still_valid(page: np.ndarray) -> None:
    with open_pdf(build_pdf([encode_page(page, "gray", DPI)])) as pdf:
        assert len(pdf.pages) == 1 and "Kiosk" in str(pdf.docinfo.Producer)
    with pytest.raises(ValueError, match="at least one page"):
        build_pdf([])


def test_encode_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        EncodeSettings(jpeg_quality=0)
    with pytest.raises(ValueError):
        EncodeSettings(encoding="webp")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        EncodeSettings(subsampling="4:1:1")  # type: ignore[arg-type]


def test_a_lower_resolution_background_keeps_the_page_size(page: np.ndarray) -> None:
    encoded = encode_page(page, "color", DPI, EncodeSettings(background_dpi=50))
    with open_pdf(build_pdf([encoded])) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
        assert box[2:] == pytest.approx([827 / DPI * 72, 1169 / DPI * 72], abs=0.01)
    assert render_encoded(encoded).shape == page.shape


def test_a_heavy_colour_page_is_brought_under_its_byte_budget_without_touching_the_text() -> None:
    rng = np.random.default_rng(5)
    page = cv2.resize(rng.integers(0, 255, (120, 85, 3), dtype=np.uint8), (1654, 2339),
                      interpolation=cv2.INTER_CUBIC)  # a leaflet's photos and colour all over
    page = cv2.add(cv2.GaussianBlur(page, (0, 0), 1.5), rng.integers(0, 12, page.shape, dtype=np.uint8))
    for y in range(150, 2200, 60):
        cv2.putText(page, "Giay xac nhan tinh trang hon nhan", (120, y), cv2.FONT_HERSHEY_SIMPLEX, 1.4,
                    (0, 0, 0), 3)
    free = encode_page(page, "color", 200, EncodeSettings(max_page_bytes=None))
    capped = encode_page(page, "color", 200)
    assert free.nbytes > 150 * 1024 >= capped.nbytes
    assert capped.mask == free.mask  # the text layer is the same, at full resolution
