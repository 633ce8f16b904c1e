"""Reading a notice's QR code from a photo or scan (zxing-cpp, a maintained decoder)."""

from __future__ import annotations

from pathlib import Path

from .seal import PAYLOAD_PREFIX


class PhotoError(ValueError):
    """A photo that yields no notice QR code: `key` names the message in i18n.notices.ERRORS."""

    def __init__(self, key: str, reason: str = "") -> None:
        super().__init__(key)
        self.key, self.reason = key, reason


def read_notice_qr(path: Path) -> str:
    """The text of the notice QR code in the image at `path`, or PhotoError."""
    try:
        import zxingcpp
        from PIL import Image, ImageOps
    except ImportError:
        raise PhotoError("decoder_missing") from None
    try:
        with Image.open(path) as img:
            # Phone photos are often stored sideways with an EXIF turn; grey is all zxing needs.
            image = ImageOps.exif_transpose(img).convert("L")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError("no_photo", str(exc)) from None
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    if not found:
        raise PhotoError("no_qr")
    ours = [b.text for b in found if b.text.startswith(PAYLOAD_PREFIX + ":")]
    if not ours:
        raise PhotoError("not_ours")
    return ours[0]
