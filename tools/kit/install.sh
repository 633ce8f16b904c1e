#!/bin/sh
# 离线安装 village-tui：只用本文件夹里的 wheels，不上网。
# Offline install of village-tui from this folder alone (no index is contacted).
#   sh install.sh                      安装到 ~/.local/share/village-tui/venv
#   PYTHON=python3.12 sh install.sh    用指定的 Python
#   VILLAGE_TUI_HOME=DIR sh install.sh 装到别处
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
HOME_DIR=${VILLAGE_TUI_HOME:-"$HOME/.local/share/village-tui/venv"}
BIN_DIR=${VILLAGE_TUI_BIN:-"$HOME/.local/bin"}

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "错误：找不到 $PY。请安装 Python 3.10 或更新版本，或使用单文件版（standalone）。" >&2
  exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "错误：$PY 是 $("$PY" -V 2>&1)，需要 3.10 或更新版本；请另装新版 Python，或使用单文件版（standalone）。" >&2
  exit 1
fi
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "错误：$PY 缺少 venv 模块（Debian/UOS 上请安装 python3-venv），或使用单文件版（standalone）。" >&2
  exit 1
fi

echo "正在创建虚拟环境 $HOME_DIR ..."
"$PY" -m venv "$HOME_DIR"
# --isolated: a pip.conf on this machine (a mirror, a proxy) must not send pip online.
"$HOME_DIR/bin/python" -m pip --isolated --disable-pip-version-check install -q \
  --no-index --find-links "$HERE/wheels" village-tui || {
  echo "错误：安装失败。本安装包可能不含这台电脑（$(uname -m)，$("$PY" -V 2>&1)）所需的文件。" >&2
  exit 1
}

mkdir -p "$BIN_DIR"
ln -sf "$HOME_DIR/bin/village-tui" "$BIN_DIR/village-tui"
echo "已安装（installed）："
"$HOME_DIR/bin/python" -m pip --isolated --disable-pip-version-check list --format=freeze
echo "启动命令：$BIN_DIR/village-tui（试用：village-tui demo）"
case ":$PATH:" in
  *":$BIN_DIR:"*) ;;
  *) echo "提示：$BIN_DIR 不在 PATH 中；请重新登录，或把它加入 PATH。" ;;
esac
