; Inno Setup 6 script: packages the PyInstaller bundle (build/dist/hotline-desk) as
; HotlineDesk-Setup-<version>.exe. Built by installer/build.py, which passes the version:
;
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=..\build\dist\hotline-desk installer\hotline-desk.iss
;
; - Installs for the current user without administrator rights (Program Files is offered when the
;   user chooses "all users" and can elevate): PrivilegesRequired=lowest + the override dialog.
; - Start-menu entry; optional desktop icon; optional start at login: the per-user Run key value
;   "HotlineDesk", the same one the program's own setting writes (desktop/autostart.py), so the
;   program's settings show what the setup chose and either side can switch it off.
; - The uninstaller removes the program; the user's data (%LOCALAPPDATA%\HotlineDesk: database,
;   backups, drafts, archive PDFs, settings, logs) stays unless the user ticks its removal.
; - Languages: English, 简体中文, 繁體中文. Inno Setup ships only English among these; the Chinese
;   wizard texts (ChineseSimplified.isl, ChineseTraditional.isl) are unofficial translations from
;   https://jrsoftware.org/files/istrans/ — put them in Inno Setup's Languages folder to get a fully
;   Chinese wizard. Without them the standard wizard pages are English and this script's own
;   messages (below) are still Chinese.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\build\dist\hotline-desk"
#endif
#define AppName "Hotline Desk"
#define AppExe "hotline-desk.exe"
#define DataFolder "HotlineDesk"
#define RunValue "HotlineDesk"

[Setup]
AppId={{6B7E2C1A-4F0D-4B8E-9C3A-2D5F8E1A7B40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=HotlineDesk-Setup-{#AppVersion}
SetupIconFile=..\resources\icons\hotline-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
#ifexist AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "zh_CN"; MessagesFile: "compiler:Default.isl"
#endif
#ifexist AddBackslash(CompilerPath) + "Languages\ChineseTraditional.isl"
Name: "zh_TW"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"
#else
Name: "zh_TW"; MessagesFile: "compiler:Default.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[LangOptions]
; Set here too, so the language list and the detection from Windows' UI language are right when the
; Chinese wizard files are missing and Default.isl (English, $0409) stands in for them.
zh_CN.LanguageName=简体中文
zh_CN.LanguageID=$0804
zh_TW.LanguageName=繁體中文
zh_TW.LanguageID=$0404

[CustomMessages]
zh_CN.DesktopIcon=在桌面上创建图标(&D)
zh_CN.StartAtLogin=登录 Windows 时自动启动 Hotline Desk（在托盘中提醒回访）(&S)
zh_CN.OtherTasks=其他选项：
zh_CN.LaunchProgram=立即启动 Hotline Desk
zh_CN.RemoveData=是否同时删除您的数据？%n%n%1%n%n其中包括工单数据库、备份、草稿、归档 PDF、设置和日志。删除后无法恢复。%n%n选择“否”将保留这些数据，以后重新安装时可以继续使用。
zh_TW.DesktopIcon=在桌面上建立圖示(&D)
zh_TW.StartAtLogin=登入 Windows 時自動啟動 Hotline Desk（在系統匣中提醒回訪）(&S)
zh_TW.OtherTasks=其他選項：
zh_TW.LaunchProgram=立即啟動 Hotline Desk
zh_TW.RemoveData=是否同時刪除您的資料？%n%n%1%n%n其中包括工單資料庫、備份、草稿、歸檔 PDF、設定和日誌。刪除後無法復原。%n%n選擇「否」將保留這些資料，日後重新安裝時可以繼續使用。
en.DesktopIcon=Create a &desktop icon
en.StartAtLogin=&Start Hotline Desk when I sign in to Windows (callback reminders in the tray)
en.OtherTasks=Other options:
en.LaunchProgram=Start Hotline Desk now
en.RemoveData=Also remove your data?%n%n%1%n%nThis is the ticket database, backups, drafts, archive PDFs, settings and logs. It cannot be undone.%n%nChoose No to keep them; a later installation goes on using them.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:OtherTasks}"; Flags: unchecked
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; GroupDescription: "{cm:OtherTasks}"; Flags: unchecked

[InstallDelete]
; An update replaces the bundled libraries wholesale (a file left from an older Qt would be loaded).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; The same per-user value desktop/autostart.py reads and writes (Settings → start at login).
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "{#RunValue}"; ValueData: """{app}\{#AppExe}"""; Tasks: startatlogin; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; The login entry may have been switched on later from the program's settings: remove it with the program.
Filename: "{sys}\reg.exe"; Parameters: "delete ""HKCU\Software\Microsoft\Windows\CurrentVersion\Run"" /v ""{#RunValue}"" /f"; \
  Flags: runhidden; RunOnceId: "RemoveRunValue"

[Code]
function DataFolderPath: String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The data stays unless the user says otherwise; a silent uninstall never removes it. }
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) and DirExists(DataFolderPath) then
  begin
    if MsgBox(FmtMessage(CustomMessage('RemoveData'), [DataFolderPath]), mbConfirmation,
              MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(DataFolderPath, True, True, True);
  end;
end;
