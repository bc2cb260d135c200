"""`tally ask --attach FILE`: files read as the window reads them, sent in the protocol's own
parts, and a clear one-line error with exit 2 for a file that cannot go, before anything is sent."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.cli.main import main
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from tests.support.attachment_files import image_bytes, pdf_bytes


@pytest.fixture
def configured(simulator: Simulator, data_dir: Path) -> Simulator:
    """The simulator as the only provider (a relay with a text-only model), its key stored."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(
        '[[provider]]\nid = "sim"\nname = "Simulator"\n'
        f'base_url = "{simulator.base_url}"\n'
        'models = ["sim-normal", "deepseek-chat", "gpt-4.1"]\n',
        encoding="utf-8",
    )
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    return simulator


def test_attached_image_and_text_go_with_the_question(
    configured: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(image_bytes(4096, 1024))
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    code = main(["ask", "--attach", str(photo), "--attach", str(notes), "What", "is", "it?"])
    _, err = capsys.readouterr()
    assert code == 0, err
    # 2048 x 512 after scaling: 85 + 170 x 4 tiles by OpenAI's rule for an unknown model.
    assert "tally: attached photo.png ≈765 tokens, notes.md ≈6 tokens" in err
    (request,) = configured.requests
    assert request.body is not None
    parts = request.body["messages"][-1]["content"]
    assert [part["type"] for part in parts] == ["image_url", "text", "text"]
    assert parts[1]["text"] == "notes.md\n```\n# Notes\n```"
    assert parts[2]["text"] == "What is it?"
    (received,) = configured.received_files
    with Image.open(io.BytesIO(received.data)) as sent:
        assert sent.size == (2048, 512)
    url = parts[0]["image_url"]["url"]
    assert base64.b64decode(url.partition(",")[2]) == received.data


def test_an_extracted_pdf_goes_as_text(
    configured: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(pdf_bytes("Quarterly report"))
    assert main(["ask", "--attach", str(report), "Summarise"]) == 0
    (request,) = configured.requests
    assert request.body is not None
    assert request.body["messages"][-1]["content"][0] == {
        "type": "text",
        "text": "report.pdf\n```\nQuarterly report\n```",
    }


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("setup.exe", b"MZ\x90\x00" * 50, "Tally cannot send setup.exe"),
        ("scan.pdf", pdf_bytes(None), "scan.pdf has no text Tally can take out"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png cannot be read"),
    ],
)
def test_a_file_that_cannot_go_stops_before_sending(
    configured: Simulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    said: str,
) -> None:
    (tmp_path / name).write_bytes(data)
    assert main(["ask", "--attach", str(tmp_path / name), "Hi"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith(f"tally: error: {said}")
    assert err.count("\n") == 1
    assert configured.requests == []


def test_a_missing_file_stops_before_sending(
    configured: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--attach", str(tmp_path / "gone.png"), "Hi"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("tally: error: Tally cannot read gone.png")
    assert configured.requests == []


def test_an_image_for_a_text_only_model_names_models_that_take_images(
    configured: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cat.png").write_bytes(image_bytes(64, 64))
    argv = ["ask", "--model", "deepseek-chat", "--attach", str(tmp_path / "cat.png"), "Hi"]
    assert main(argv) == 2
    _, err = capsys.readouterr()
    assert err == (
        "tally: error: deepseek-chat takes no images, so cat.png cannot go with this message."
        " Pick a model that does, such as gpt-4.1, or remove the images.\n"
    )
    assert configured.requests == []


def test_a_server_that_refuses_images_gives_a_clear_error(
    configured: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cat.png").write_bytes(image_bytes(64, 64))
    argv = ["ask", "--model", "sim-no-images", "--attach", str(tmp_path / "cat.png"), "Hi"]
    assert main(argv) == 1
    _, err = capsys.readouterr()
    assert "sim-no-images on Simulator takes no images (400: image_url is not supported)" in err
