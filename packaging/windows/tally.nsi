; The Windows installer of dist\Tally (packaging/release.py installer; packaging/README.md says
; why NSIS). For this user only: no administrator rights, into %LOCALAPPDATA%\Programs\Tally,
; with a Start menu entry and an entry in Settings > Apps that uninstalls it. The user's
; conversations, settings and keys are elsewhere (%LOCALAPPDATA%\Tally, the Credential Manager)
; and stay when Tally is uninstalled.
;
; makensis -DVERSION=0.1.0 -DAPP_DIR=dist\Tally -DICON=resources\icons\tally.ico
;     -DOUT_FILE=dist\Tally-0.1.0-windows-x86_64-setup.exe packaging\windows\tally.nsi

!ifndef VERSION | APP_DIR | ICON | OUT_FILE
  !error "define VERSION, APP_DIR, ICON and OUT_FILE (packaging/release.py installer does)"
!endif

Unicode true
!include "MUI2.nsh"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Tally"

Name "Tally"
OutFile "${OUT_FILE}"
; A fixed folder of its own: the uninstaller removes it whole, so the user does not pick it.
InstallDir "$LOCALAPPDATA\Programs\Tally"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Tally"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Tally installer"
VIAddVersionKey "LegalCopyright" "MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\Tally.exe"
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "TradChinese"

Section "Tally"
  ; An older version's files go first: a module it had and this one has not would be loaded.
  RMDir /r "$INSTDIR"
  SetOutPath "$INSTDIR"
  File /r "${APP_DIR}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall Tally.exe"
  CreateShortCut "$SMPROGRAMS\Tally.lnk" "$INSTDIR\Tally.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Tally"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Tally.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall Tally.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\Tally.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
