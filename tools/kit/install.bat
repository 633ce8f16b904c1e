@echo off
rem 离线安装 village-tui：只用本文件夹里的 wheels，不上网。
rem Offline install of village-tui from this folder alone. Saved in GBK for cmd.exe.
setlocal
set "HERE=%~dp0"
if "%VILLAGE_TUI_HOME%"=="" set "VILLAGE_TUI_HOME=%LOCALAPPDATA%\village-tui\venv"
set "PY=python"
where py >nul 2>nul && set "PY=py -3"

%PY% -c "import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)" >nul 2>nul
if errorlevel 1 (
  echo 错误：找不到 Python 3.10 或更新版本。请先安装 Python（需 Windows 8.1 及以上），或使用单文件版（standalone）。
  goto :fail
)

echo 正在创建虚拟环境 %VILLAGE_TUI_HOME% ...
%PY% -m venv "%VILLAGE_TUI_HOME%"
if errorlevel 1 goto :fail
rem --isolated: a pip.ini on this PC (a mirror, a proxy) must not send pip online.
"%VILLAGE_TUI_HOME%\Scripts\python.exe" -m pip --isolated --disable-pip-version-check install -q --no-index --find-links "%HERE%wheels" village-tui
if errorlevel 1 (
  echo 错误：安装失败。本安装包可能不含这台电脑的 Python 版本所需的文件。
  goto :fail
)

set "DESKTOP=%USERPROFILE%\Desktop"
for /f "usebackq delims=" %%D in (`powershell -NoProfile -Command "[Environment]::GetFolderPath('Desktop')" 2^>nul`) do set "DESKTOP=%%D"
(
  echo @echo off
  echo "%VILLAGE_TUI_HOME%\Scripts\village-tui.exe" %%*
  echo if errorlevel 1 pause
) > "%DESKTOP%\village-tui.bat"

echo 已安装（installed）：
"%VILLAGE_TUI_HOME%\Scripts\python.exe" -m pip --isolated --disable-pip-version-check list --format=freeze
echo 桌面上的 village-tui.bat 可打开程序；也可在命令行运行 "%VILLAGE_TUI_HOME%\Scripts\village-tui.exe"
pause
exit /b 0

:fail
pause
exit /b 1
