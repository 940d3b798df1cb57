"""A small bar chart of money per year (budget against outcome), painted with QPainter so it
needs no QtCharts (PySide6-Addons, 60 MB). Readable at a glance: two bars per year, values
above the bars in `1,2 mnkr`/`300 tkr` form, a legend, a light grid."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.money import format_money


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # öre, one per series


def short_money(ore: int) -> str:
    """Compact Swedish amount for chart labels: 1,2 mnkr / 300 tkr / 950 kr."""
    kr = ore / 100
    if abs(kr) >= 1_000_000:
        return f"{kr / 1_000_000:.1f}".replace(".", ",") + " mnkr"
    if abs(kr) >= 10_000:
        return f"{round(kr / 1000):d} tkr"
    return format_money(ore, decimals="never")


class MoneyChart(QWidget):
    SERIES_COLOURS = (QColor("#9bb7d4"), QColor("#2f5d8a"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._series: tuple[str, ...] = ()
        self._empty_text = ""
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 260)

    def set_data(self, series: tuple[str, ...], bars: list[Bar], empty_text: str = "") -> None:
        self._series = series
        self._bars = bars
        self._empty_text = empty_text
        self.setAccessibleDescription("; ".join(
            f"{b.label}: " + ", ".join(f"{s} {format_money(v)}" for s, v in zip(series, b.values)) for b in bars))
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(76, 44, -16, -28)
        p.fillRect(self.rect(), self.palette().base())
        if not self._bars:
            p.setPen(self.palette().text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        top = max(max(b.values) for b in self._bars) or 1
        fm = p.fontMetrics()
        # grid and axis labels
        p.setPen(QPen(QColor("#dddddd"), 1))
        for i in range(5):
            y = rect.bottom() - rect.height() * i / 4
            p.drawLine(int(rect.left()), int(y), int(rect.right()), int(y))
            p.setPen(QColor("#666666"))
            p.drawText(QRectF(0, y - 8, 70, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       short_money(int(top * i / 4)))
            p.setPen(QPen(QColor("#dddddd"), 1))
        n = len(self._bars)
        k = max(len(self._series), 1)
        slot = rect.width() / n
        bar_w = min(48.0, slot * 0.7 / k)
        for i, bar in enumerate(self._bars):
            x0 = rect.left() + slot * i + (slot - bar_w * k) / 2
            label_tops: list[float] = []
            for j, v in enumerate(bar.values):
                h = rect.height() * (v / top) if top else 0
                r = QRectF(x0 + j * bar_w, rect.bottom() - h, bar_w - 3, h)
                p.fillRect(r, self.SERIES_COLOURS[j % len(self.SERIES_COLOURS)])
                if v:
                    text = short_money(v)
                    w = fm.horizontalAdvance(text) + 6
                    y = r.top() - 16
                    # labels of neighbouring bars at about the same height would overlap: lift this one
                    if w > bar_w and any(abs(y - t) < 14 for t in label_tops):
                        y = min(label_tops) - 14
                    label_tops.append(y)
                    p.setPen(QColor("#333333"))
                    p.drawText(QRectF(r.center().x() - w / 2, y, w, 14), Qt.AlignmentFlag.AlignCenter, text)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(rect.left() + slot * i, rect.bottom() + 4, slot, 18), Qt.AlignmentFlag.AlignCenter,
                       bar.label)
        # legend
        x = rect.left()
        for j, name in enumerate(self._series):
            p.fillRect(QRectF(x, 8, 12, 12), self.SERIES_COLOURS[j % len(self.SERIES_COLOURS)])
            p.setPen(self.palette().text().color())
            p.drawText(int(x + 16), 19, name)
            x += 16 + fm.horizontalAdvance(name) + 24
