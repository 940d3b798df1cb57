; Inno Setup script for Samverkan Desktop (Inno Setup 6.5 or newer).
;
; A per-user installer: no administrator rights, installs into
; %LOCALAPPDATA%\Programs\Samverkan Desktop, adds a Start-menu entry (and a desktop icon if
; the user ticks it), associates no file types and changes no environment variables.
; Uninstalling removes the program folder only: the database, backups, preferences and log in
; %LOCALAPPDATA%\Samverkan Desktop stay where they are.
;
; Built by packaging/build.py, which passes the version and the PyInstaller folder:
;   iscc /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DSourceDir=..\dist\samverkan-desktop packaging\samverkan.iss
; Saved as UTF-8 with a byte-order mark (Inno Setup needs it for the Swedish text).
; Silent install for IT: see docs/INSTALL.md (/VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER).
;
; Why Inno Setup and not MSI/MSIX: an MSI per-user install (ALLUSERS=2, MSIINSTALLPERUSER=1)
; needs WiX and more ceremony for the same result; MSIX needs a trusted code-signing
; certificate on every laptop and sandboxes %LOCALAPPDATA%, which would hide the database and
; backups from the user and from IT. Inno Setup gives a signed-or-unsigned single .exe that
; installs without admin rights, supports a silent mode, and uninstalls cleanly.

#define AppName "Samverkan Desktop"
#define AppExe "samverkan-desktop.exe"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif
#ifndef AppPublisher
  #define AppPublisher "Samverkan Desktop"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\samverkan-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
; AppId identifies the installation for upgrades and uninstall: never change it
; (the same value is in packaging/project_meta.py).
AppId={{8C1F4E52-6B7A-4D3C-9E0B-5A2F71D3C6A1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersionNumeric}
VersionInfoCompany={#AppPublisher}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
; Per user, no UAC prompt. {autopf} is %LOCALAPPDATA%\Programs in this mode; IT may override
; with /ALLUSERS from an elevated prompt, which installs into Program Files instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=no
ChangesEnvironment=no
; Close a running copy (Restart Manager) before files are replaced on upgrade.
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\resources\icons\samverkan.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename=SamverkanDesktop-{#AppVersion}-setup
SetupLogging=yes
ShowLanguageDialog=auto

[Languages]
; Swedish first: the wizard follows the Windows display language and falls back to the first.
#define HaveSwedish FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
#if HaveSwedish
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
#else
  #pragma message "Swedish.isl is missing from this Inno Setup (use 6.5 or newer): the installer will be English only"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: files an older version had but this one does not must
; not linger next to the new ones. (Only inside {app}; user data is elsewhere.)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Registry] on purpose: the uninstaller removes exactly what was
; installed into {app}. The data folder %LOCALAPPDATA%\Samverkan Desktop (database, backups,
; preferences.json, samverkan.log) is written by the program, not by Setup, and is kept.

[CustomMessages]
#if HaveSwedish
sv.AppComment=Avtal, portfölj, möten och ekonomi för forskningssamverkan
#endif
en.AppComment=Agreements, portfolio, meetings and money for research collaborations
