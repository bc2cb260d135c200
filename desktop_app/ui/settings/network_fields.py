"""The Network page of the provider form: a proxy for this provider only (its password goes to
the keyring), and a CA bundle for a corporate network. A tab beside the prices, since most
people need neither and the form has no height to spare."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.settings.form_fields import line_edit, right_aligned_form
from desktop_app.ui.settings.network_draft import NetworkDraft

MASK = "••••••••"
PROBLEM_STYLE = "color: #8a1c13;"
HINT = str(
    QT_TRANSLATE_NOOP(
        "NetworkFields",
        "An empty proxy means the system's settings: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and "
        "NO_PROXY, else the operating system's proxy; a server on this computer is always reached "
        "directly. A user name goes in the URL, as in socks5://alice@proxy.example.com:1080; the "
        "password is kept in the OS keyring, never in providers.toml. The CA bundle (PEM) adds a "
        "corporate network's or a private server's authority to the usual ones.",
    )
)
PROXY_TIP = str(
    QT_TRANSLATE_NOOP(
        "NetworkFields",
        "http://, https:// or socks5://, e.g. socks5://alice@proxy.example.com:1080",
    )
)
CA_TIP = str(
    QT_TRANSLATE_NOOP(
        "NetworkFields",
        "A PEM file (or a folder of them) of certificate authorities to trust as well",
    )
)


class NetworkFields(QWidget):
    """Edits a NetworkDraft in place; `choose_file` asks for the CA bundle (tests replace it)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network: NetworkDraft | None = None
        self.keyring_available = True
        self.choose_file: Callable[[], str] = self._ask_for_file
        self.setObjectName("networkPage")
        self.proxy_edit = line_edit(
            self, "proxyEdit", self.tr("Proxy URL"), self.tr("System settings")
        )
        self.password_edit = line_edit(self, "proxyPasswordEdit", self.tr("Proxy password"), "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.proxy_edit.setToolTip(QCoreApplication.translate("NetworkFields", PROXY_TIP))
        self.password_edit.setToolTip(self.tr("Sent to the proxy only; kept in the OS keyring"))
        self.ca_edit = line_edit(
            self,
            "caBundleEdit",
            self.tr("CA bundle file"),
            self.tr("The usual certificate authorities"),
        )
        self.ca_edit.setToolTip(QCoreApplication.translate("NetworkFields", CA_TIP))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.setObjectName("caBundleBrowse")
        self.hint = QLabel(QCoreApplication.translate("NetworkFields", HINT), self)
        self.hint.setObjectName("networkHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.problem = QLabel(self)
        self.problem.setObjectName("networkProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        self._lay_out()
        self.proxy_edit.textEdited.connect(self._proxy_edited)
        self.password_edit.textEdited.connect(self._password_edited)
        self.ca_edit.textEdited.connect(self._ca_edited)
        self.browse_button.clicked.connect(self._browse)

    def _lay_out(self) -> None:
        form = right_aligned_form()
        form.addRow(self._label(self.tr("&Proxy:"), self.proxy_edit), self.proxy_edit)
        form.addRow(self._label(self.tr("Pass&word:"), self.password_edit), self.password_edit)
        bundle = QHBoxLayout()
        bundle.addWidget(self.ca_edit, 1)
        bundle.addWidget(self.browse_button)
        form.addRow(self._label(self.tr("CA &bundle:"), self.ca_edit), bundle)
        form.addRow("", self.problem)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def show_network(self, network: NetworkDraft | None) -> None:
        """Fill the fields from a draft's network settings."""
        self.network = None  # no edits flow back while the fields are filled in
        shown = network or NetworkDraft()
        self.proxy_edit.setText(shown.proxy)
        self.password_edit.setText(shown.typed_password)
        self.ca_edit.setText(shown.ca_bundle)
        self.network = network
        self.show_problem(shown.proxy_problem() if network else None)
        self.refresh()

    def refresh(self) -> None:
        """The password's placeholder, for what is known now."""
        network = self.network or NetworkDraft()
        if not network.user:
            hint = self.tr("Needs a user name in the proxy URL")
        elif network.password_stored:
            hint = self.tr("{} (stored in the keyring)").format(MASK)
        elif network.password_stored is None and self.keyring_available:
            hint = self.tr("Checking the keyring…")
        else:
            hint = self.tr("The proxy's password, if it asks for one")
        self.password_edit.setPlaceholderText(hint)

    def title(self) -> str:
        """The page's tab title: what is set, so that it shows without opening the page."""
        network = self.network or NetworkDraft()
        proxy = network.proxy.strip()
        how = "socks" if proxy.lower().startswith("socks") else self.tr("proxy")
        parts = [how] if proxy else []
        parts += [self.tr("CA bundle")] if network.ca_bundle.strip() else []
        separator = self.tr(", ")  # between the parts of the title
        return (
            self.tr("Network ({})").format(separator.join(parts)) if parts else self.tr("Network")
        )

    def focus(self, field: str) -> None:
        """Put the cursor in the field a problem names, saying the problem next to it."""
        edit = self.ca_edit if field == "ca_bundle" else self.proxy_edit
        if self.network is not None:
            problem = self.network.proxy_problem()
            if field == "ca_bundle":
                problem = self.network.bundle_problem()
            self.show_problem(problem)
        edit.setFocus()
        edit.selectAll()

    def show_problem(self, problem: str | None) -> None:
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))

    def _proxy_edited(self, text: str) -> None:
        if self.network is None:
            return
        self.network.proxy = text
        self._changed()

    def _password_edited(self, text: str) -> None:
        if self.network is None:
            return
        self.network.typed_password = text
        self._changed()

    def _ca_edited(self, text: str) -> None:
        if self.network is None:
            return
        self.network.ca_bundle = text
        self._changed()

    def _changed(self) -> None:
        assert self.network is not None
        # Said while typing (cheap checks only; the CA bundle file is read on Save and Test).
        self.show_problem(self.network.proxy_problem())
        self.refresh()
        self.edited.emit()

    def _browse(self) -> None:
        path = self.choose_file()
        if path:
            self.ca_edit.setText(path)
            self._ca_edited(path)

    def _ask_for_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA bundle"),
            self.ca_edit.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        return path
