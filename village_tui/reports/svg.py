"""Small charts drawn as inline SVG: no script, no library, no font files.

Text uses the fonts already on the reader's machine (generic families only).
"""

from __future__ import annotations

from html import escape

FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',SimSun,sans-serif\""
BLUE, ORANGE, GREEN, RED, GREY = "#3b6ea5", "#e08a2e", "#4a9a5b", "#c0504d", "#9aa5b1"


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT} font-size="11">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def hbar_share(items: list[tuple[str, float | None]], title: str) -> str:
    """Horizontal bars of shares (0..1), one per label; None is drawn as an empty row."""
    label_w, bar_w, row_h = 110, 360, 20
    height = 30 + row_h * max(len(items), 1) + 20
    body = [f'<text x="0" y="14" font-weight="bold" font-size="12">{escape(title)}</text>']
    for tick in (0, 0.5, 1):
        x = label_w + bar_w * tick
        body.append(f'<line x1="{x}" y1="22" x2="{x}" y2="{height - 18}" stroke="#ddd"/>')
        body.append(
            f'<text x="{x}" y="{height - 4}" text-anchor="middle" fill="#666">{tick:.0%}</text>'
        )
    for n, (label, share) in enumerate(items):
        y = 26 + n * row_h
        body.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>'
        )
        if share is not None:
            w = round(bar_w * share, 1)
            colour = GREEN if share >= 0.9 else ORANGE if share >= 0.75 else RED
            body.append(
                f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{colour}"/>'
            )
            body.append(f'<text x="{label_w + w + 4}" y="{y + 13}">{share * 100:.1f}%</text>')
    return _svg(label_w + bar_w + 60, height, body, title)


def grouped_bars(items: list[tuple[str, float, float]], legend: tuple[str, str], title: str) -> str:
    """Two bars per label (e.g. resolved and spent), scaled to the largest value."""
    label_w, bar_w, row_h = 110, 330, 26
    top = max([max(a, b) for _, a, b in items] + [1])
    height = 44 + row_h * max(len(items), 1) + 6
    body = [f'<text x="0" y="14" font-weight="bold" font-size="12">{escape(title)}</text>']
    for k, (name, colour) in enumerate(zip(legend, (BLUE, ORANGE), strict=False)):
        x = label_w + k * 120
        body.append(f'<rect x="{x}" y="22" width="10" height="10" fill="{colour}"/>')
        body.append(f'<text x="{x + 14}" y="31">{escape(name)}</text>')
    for n, (label, a, b) in enumerate(items):
        y = 40 + n * row_h
        body.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
        )
        for k, (value, colour) in enumerate(((a, BLUE), (b, ORANGE))):
            w = round(bar_w * value / top, 1)
            yy = y + 2 + k * 11
            body.append(
                f'<rect class="bar" x="{label_w}" y="{yy}" width="{w}" height="10" fill="{colour}"/>'
            )
            body.append(
                f'<text x="{label_w + w + 4}" y="{yy + 9}" font-size="9">{value:,.1f}</text>'
            )
    return _svg(label_w + bar_w + 90, height, body, title)


def stacked_bar(parts: list[tuple[str, int]], title: str) -> str:
    """One horizontal bar split into parts (e.g. approved / returned / pending), with a legend."""
    width, bar_h = 470, 22
    total = sum(v for _, v in parts) or 1
    body = [f'<text x="0" y="14" font-weight="bold" font-size="12">{escape(title)}</text>']
    x = 0.0
    for (_name, value), colour in zip(parts, (GREEN, RED, GREY, BLUE), strict=False):
        w = round(width * value / total, 1)
        body.append(
            f'<rect class="bar" x="{x}" y="24" width="{w}" height="{bar_h}" fill="{colour}"/>'
        )
        x += w
    for k, ((name, value), colour) in enumerate(zip(parts, (GREEN, RED, GREY, BLUE), strict=False)):
        lx = k * 155
        body.append(f'<rect x="{lx}" y="56" width="10" height="10" fill="{colour}"/>')
        share = value / total if total else 0
        body.append(f'<text x="{lx + 14}" y="65">{escape(name)} {value:,}（{share:.0%}）</text>')
    return _svg(width + 10, 76, body, title)
