"""What the app loads before its window is first painted. Start-up time is mostly `import`
(docs/performance.md, Start-up), so what the first frame does not need is loaded when first used:
these tests start the app in a fresh process and check that none of it was loaded by the end of
the first paint. The timing itself is benchmarks/startup.py's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore

# Starts the app as `tally` does (cli.main), with the window class replaced by one that prints
# the loaded modules once its first frame is painted, then leaves at once.
PROBE = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from desktop_app.cli import main as cli
from desktop_app.ui import app

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)  # once the whole frame is painted
        return False

class FirstPaint(app.MainWindow):
    watch = None

    def showEvent(self, event):
        if self.watch is None:
            # After the app's own filters, so it sees the first paint first and its timer
            # fires before the rest of the start, which the app does right after that frame.
            self.watch = Watch(self)
            self.installEventFilter(self.watch)
        super().showEvent(event)

def report():
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)

app.MainWindow = FirstPaint
cli.main([])
"""

LOADED_WHEN_USED = {
    "asyncio": "the event loop, right after the first frame (desktop_app/ui/first_frame.py)",
    "qasync": "the event loop, right after the first frame",
    "ssl": "the event loop or the first request",
    "logging.handlers": "never: the log file is rotated at start (desktop_app/core/logs.py)",
    "uuid": "not by Tally (history/rows.py makes ids without it); httpx's command line",
    "httpx": "the first request or model list",
    "desktop_app.core.chat": "the first request",
    "desktop_app.core.providers.model_list": "the first model list",
    "keyring": "the first key read or written",
    "secretstorage": "the first key read or written (Linux)",
    "pygments": "the first code block",
    "desktop_app.core.money.catalog": "the first price neither the user nor the relay gives",
    "desktop_app.core.settings.presets": "the first price (a relay's own list, or a local server)",
    "desktop_app.simulator": "the offline demo",
    "desktop_app.ui.history.problem": "a history that cannot be opened",
    "desktop_app.core.history.backups": "today's backup, on a worker after the first frame",
    "desktop_app.ui.settings.settings_dialog": "Settings",
    "desktop_app.ui.spending.spending_dialog": "Spending",
    "desktop_app.ui.spending.bar_chart": "Spending",
    "desktop_app.ui.about_dialog": "Help → About",
    "desktop_app.ui.sidebar.search_results": "the first search",
    "desktop_app.core.transfer.export": "an export",
    "desktop_app.core.transfer.importer": "an import",
    "desktop_app.cli.arguments": "a command line with words (a bare `tally` has none)",
    "desktop_app.cli.ask": "tally ask",
    "desktop_app.cli.history": "tally export and import",
    "desktop_app.cli.models": "tally models",
    "desktop_app.cli.spend": "tally spend",
    "locale": "a command line to parse (argparse's translations): a bare `tally` has none",
    "html": "the first message shown (markdown-it): the cost meter escapes its text itself",
    "desktop_app.core.sse": "the first request (its decoder)",
    "desktop_app.core.providers.openai_compat": "the first request or model list (OpenAI's kind)",
    "hashlib": "the first attached file (OpenSSL's library)",
    "desktop_app.core.attachments.reading": "the first attached file",
    "PIL": "the first attached image, or its thumbnail",
    "desktop_app.core.settings.assistants": "the assistants, right after the first frame",
    "desktop_app.core.history.conversation_parameters": "the first conversation shown",
    "desktop_app.ui.assistants.parameters_panel": "the Parameters button",
    "desktop_app.ui.assistants.assistants_dialog": "Manage assistants…",
    "desktop_app.ui.sending": "the first message sent",
    "desktop_app.version": "the log line after the first frame, or Help → About",
    "desktop_app.core.history.answer_origins": "the first conversation opened, or a routed answer",
    "desktop_app.ui.chat.message_widget": "the first message shown (an empty chat view has none)",
    "desktop_app.ui.chat.message_body": "the first message shown",
    "desktop_app.ui.chat.message_header": "the first message shown",
    "desktop_app.ui.chat.text_colour": "the first message shown",
    "desktop_app.ui.chat.compare_columns": "the first comparison shown",
    "desktop_app.core.text.markdown": "the first message shown",
    "desktop_app.core.text.palette": "the first message shown",
    "desktop_app.core.history.search": "the first search",
}

# Priced from the catalog, as most providers' models are (the picker's tooltip shows the price).
PROVIDERS = """\
[[provider]]
id = "relay"
name = "Relay"
base_url = "https://relay.example/v1"
models = ["gpt-4.1"]
"""


def loaded_at_first_paint() -> set[str]:
    """The modules loaded when the window's first frame is painted, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),  # the test's data directory
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    modules: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return set(modules)


def too_early(modules: set[str]) -> dict[str, str]:
    return {
        name: when
        for name, when in LOADED_WHEN_USED.items()
        if any(m == name or m.startswith(name + ".") for m in modules)
    }


def test_a_first_start_loads_nothing_it_does_not_show() -> None:
    modules = loaded_at_first_paint()
    assert "desktop_app.ui.main_window" in modules
    assert too_early(modules) == {}
    assert "markdown_it" not in modules  # no message to render on the welcome page
    assert "tomllib" not in modules  # no providers or settings file to read


def remember_a_conversation(data_dir: Path) -> None:
    """A provider, and a history with one conversation that the window remembers as open."""
    data_dir.mkdir(parents=True)
    (data_dir / "providers.toml").write_text(PROVIDERS, encoding="utf-8")
    with HistoryStore(paths.history_db()) as store:
        conversation = store.create_conversation("Plain text").id
        store.add_message(conversation, role="user", content="What is *markdown*?")
        store.add_message(
            conversation,
            role="assistant",
            content="A **light** markup, with `inline code` but no code block.",
            provider="relay",
            provider_name="Relay",
            model="gpt-4.1",
        )
    state = QSettings(str(paths.ui_state_file()), QSettings.Format.IniFormat)
    state.setValue("lastConversation", conversation)  # as the window remembers it
    state.sync()


def test_reopening_a_conversation_loads_nothing_it_does_not_show(data_dir: Path) -> None:
    remember_a_conversation(data_dir)
    modules = loaded_at_first_paint()
    # The conversation is rendered once the first frame is painted (the next test).
    assert "desktop_app.core.text.rendering" not in modules
    assert too_early(modules) == {}


# As PROBE, but reports once the conversation reopened after the first frame is shown.
REOPEN_PROBE = """
import json, os
from PySide6.QtCore import QTimer
from desktop_app.cli import main as cli
from desktop_app.ui import app

class Watched(app.MainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        self.painted = True

    def reopen_last_conversation(self):
        painted = self.painted
        super().reopen_last_conversation()
        QTimer.singleShot(0, lambda: self.report(painted))  # once the event loop runs

    def report(self, painted):
        last = self.chat_view.widget_for(self.conversation.messages[-1])
        shown = {"painted before": painted, "messages": len(self.conversation.messages),
                 "last shown": last is not None and last.isVisible()}
        print(json.dumps(shown), flush=True)
        os._exit(0)

app.MainWindow = Watched
cli.main([])
"""


def test_the_conversation_is_reopened_once_the_first_frame_is_painted(data_dir: Path) -> None:
    remember_a_conversation(data_dir)
    done = subprocess.run(
        [sys.executable, "-c", REOPEN_PROBE],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown == {"painted before": True, "messages": 2, "last shown": True}
