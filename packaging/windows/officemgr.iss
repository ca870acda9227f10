; Inno Setup script for the OfficeMgr Windows installer (Inno Setup 6.3 or later).
;
; Build the frozen app first (PyInstaller, packaging/officemgr.spec), then:
;     iscc packaging\windows\officemgr.iss
; which writes dist\OfficeMgr-<version>-windows-x64-setup.exe. Paths may be overridden:
;     iscc /DSourceDir=C:\path\to\OfficeMgr /DIconFile=C:\path\officemgr.ico /DOutputDir=out ...
;
; The version is never typed here: it is read back from the version resource of
; OfficeMgr.exe, which the spec wrote from src\officemgr\_version.py.
;
; Installs per user by default (no administrator needed; the dialog offers "all users").
; Company files, backups and logs live in the user's data folder
; (%LOCALAPPDATA%\OfficeMgr), never in the program folder, so uninstalling removes the
; program and leaves them alone; reinstalling or upgrading finds them again.

#define AppName "OfficeMgr"
#define AppExe "OfficeMgr.exe"
#define CliExe "officemgr-cli.exe"
#define AppPublisher "OfficeMgr"
#define AssocExt ".officemgr"
#define AssocProgId "OfficeMgr.CompanyFile"
#define AssocName "OfficeMgr Company File"

#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\OfficeMgr"
#endif
#ifndef IconFile
  #define IconFile AddBackslash(SourcePath) + "..\..\build\icons\officemgr.ico"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif

#define AppExePath AddBackslash(SourceDir) + AppExe
#if !FileExists(AppExePath)
  #error OfficeMgr.exe not found: build the frozen app first (packaging\README.md)
#endif
#define AppVersion GetStringFileInfo(AppExePath, "ProductVersion")
#if AppVersion == ""
  #error OfficeMgr.exe carries no ProductVersion: was it built with packaging\officemgr.spec?
#endif
#define AppVersionNumbers GetVersionNumbersString(AppExePath)

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{84883643-8AF1-4B18-9EDF-11057702C211}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; The binary version fields take numbers only (1.2.3.0); the text ones the version as is.
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductVersion={#AppVersionNumbers}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoDescription={#AppName} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later.
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running OfficeMgr is asked to close (it asks about unsaved edits itself) before its
; files are replaced; the user starts it again from the last page.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the runtime whole: a library left from an older build must not load.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Customers, jobs, contact log and reports"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .officemgr files open in OfficeMgr (the window takes the file with --db). HKA is the
; current user's classes for a per-user install and the machine's for an all-users one.
Root: HKA; Subkey: "Software\Classes\{#AssocExt}\OpenWithProgids"; ValueType: string; ValueName: "{#AssocProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AssocExt}"; ValueType: string; ValueName: ""; ValueData: "{#AssocProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AssocProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AssocName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AssocProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#AssocProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --db ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#AssocExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what Setup installed. Company files,
; backups and logs in %LOCALAPPDATA%\OfficeMgr stay, and the user is told where.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\{#AppName}');
    if DirExists(DataDir) then
      MsgBox('{#AppName} was removed. Your company files and backups were kept in:' + #13#10#13#10 +
        DataDir + #13#10#13#10 + 'Delete that folder yourself if you no longer need them.',
        mbInformation, MB_OK);
  end;
end;
