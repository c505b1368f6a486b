"""Charts drawn on the server as SVG: no script, no internet, readable by screen readers through
the table that always stands beside them."""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 480, 180, 28


def line_chart(labels: list[str], series: list[tuple[str, str, list]], *, title: str) -> SafeString:
    """Lines through the points of each series (label, css colour, values), one x-step per label."""
    values = [Decimal(v or 0) for _name, _colour, points in series for v in points]
    top = max(values, default=Decimal(0)) or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(labels) - 1, 1)

    def xy(index: int, value) -> tuple[float, float]:
        x = PAD + index * step
        y = HEIGHT - PAD - float(Decimal(value or 0) / top) * (HEIGHT - 2 * PAD)
        return round(x, 1), round(y, 1)

    lines = []
    for name, colour, points in series:
        coordinates = " ".join(f"{x},{y}" for x, y in (xy(i, v) for i, v in enumerate(points)))
        dots = format_html_join(
            "", '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}</title></circle>',
            ((*xy(i, v), colour, f"{name} {labels[i]}") for i, v in enumerate(points)),
        )  # fmt: skip
        polyline = '<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"/>{}'
        lines.append(format_html(polyline, colour, coordinates, dots))
    axis = format_html_join(
        "", '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#5b6475">{}</text>',
        ((PAD + i * step, HEIGHT - 8, label) for i, label in enumerate(labels)),
    )  # fmt: skip
    legend = format_html_join(
        "", '<text x="{}" y="14" font-size="11" fill="{}">■ {}</text>',
        ((PAD + i * 130, colour, name) for i, (name, colour, _points) in enumerate(series)),
    )  # fmt: skip
    baseline = f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#dfe3ea"/>'
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{}{}{}{}</svg>',
        WIDTH, HEIGHT, title, mark_safe(baseline), mark_safe("".join(lines)), axis, legend,
    )  # fmt: skip
