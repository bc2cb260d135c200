"""The composer's screenshots (make_screenshots.py attachments, assistants): an image and a PDF
attached and sent, the assistant picker open, the Parameters panel."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from screenshot_setup import close_window, dark_palette, save, shown_window

from desktop_app.ui.main_window import MainWindow
from tests.support.waiting import until


def sample_files(folder: Path) -> tuple[Path, Path]:
    """A chart drawn with Pillow and a one-page PDF with text: the files of the attachment shots."""
    from PIL import Image, ImageDraw

    from tests.support.attachment_files import pdf_bytes

    chart = Image.new("RGB", (1600, 1000), "#fbfbfd")
    draw = ImageDraw.Draw(chart)
    for number, height in enumerate((420, 560, 380, 690, 810, 760)):
        left = 160 + number * 230
        draw.rectangle((left, 900 - height, left + 150, 900), fill="#3d6fb4")
    draw.line((100, 900, 1500, 900), fill="#333333", width=6)
    image = folder / "sales-by-quarter.png"
    chart.save(image)
    report = folder / "q3-report.pdf"
    report.write_bytes(pdf_bytes("Revenue grew 14 percent in the third quarter"))
    return image, report


async def attached(window: MainWindow, paths: list[Path]) -> None:
    tray = window.composer.tray
    tray.add_files(paths)
    await until(lambda: not tray.reading())
    window.estimate.refresh()
    await asyncio.sleep(0.3)


async def shoot_attachments(window: MainWindow, files: tuple[Path, Path], suffix: str) -> None:
    """The composer with two chips before sending, then the question sent with its image and
    PDF (thumbnail shown), the answer below."""
    window.new_conversation()
    window.picker.select("holysheep", "sim-normal")
    question = "What do this chart and this report say about the third quarter?"
    if suffix.startswith("-zh"):
        question = "这张图表和这份报告说明了第三季度的什么情况？"
    window.input.setPlainText(question)
    await attached(window, list(files))
    save(window.grab(), f"attachments-composer{suffix}.png")
    window.send()
    await window.session.wait()
    await asyncio.sleep(0.5)  # the thumbnail, decoded on a worker
    save(window.grab(), f"attachments-message{suffix}.png")


async def shoot_assistants(window: MainWindow, suffix: str) -> None:
    """The assistant picker open; then an assistant picked and the Parameters panel shown."""
    from PySide6.QtGui import QPainter

    window.new_conversation()
    window.picker.select("holysheep", "sim-normal")
    picker = window.assistant.picker
    picker.showPopup()
    await asyncio.sleep(0.3)
    popup = picker.view().window()  # a window of its own: drawn onto the window's picture
    shot = window.grab()
    painter = QPainter(shot)
    corner = window.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft()))
    painter.drawPixmap(corner, popup.grab())
    painter.end()
    save(shot, f"assistant-picker{suffix}.png")
    picker.hidePopup()
    row = next(n for n, a in enumerate(picker.assistants) if "中英" in a.name)
    picker.setCurrentIndex(row)
    picker.activated.emit(row)
    window.assistant.button.setChecked(True)
    window.input.setPlainText("The meeting moved to Thursday at 3 pm.")
    await asyncio.sleep(0.3)
    save(window.grab(), f"parameters-panel{suffix}.png")
    window.assistant.button.setChecked(False)


def shoot_attachments_and_assistants(app: QApplication, data: Path, target: str) -> None:
    """`attachments`: the composer's chips and a sent question with an image and a PDF, in
    English light and dark and in Chinese; `assistants`: the picker open and the Parameters
    panel, in English and in Chinese."""
    from desktop_app.core.text.language import Language
    from desktop_app.core.text.messages import set_language
    from desktop_app.ui.translators import install_translators

    files = sample_files(data)
    looks: list[tuple[str, Language, QPalette]] = [
        ("", "en", QPalette()),
        ("-zh_CN", "zh_CN", QPalette()),
    ]
    if target == "attachments":
        looks.insert(1, ("-dark", "en", dark_palette()))
    for suffix, language, palette in looks:
        translators = install_translators(app, language) if language != "en" else []
        set_language(language)
        app.setPalette(palette if suffix == "-dark" else app.style().standardPalette())
        loop, window = shown_window(app, 980, 760)
        if target == "attachments":
            loop.run_until_complete(shoot_attachments(window, files, suffix))
        else:
            loop.run_until_complete(shoot_assistants(window, suffix))
        close_window(loop, window)
        for translator in translators:
            app.removeTranslator(translator)
        set_language("en")
    app.setPalette(app.style().standardPalette())
