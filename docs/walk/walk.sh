#!/bin/bash
# The whole walk at 80x24 in tmux: new matter to result notice. $1 = zh or en.
LANG_=$1; ACTOR=$([ "$1" = zh ] && echo 刘文书 || echo Clerk_Liu); S=clerkwalk$LANG_; D=/tmp/clerk_walk/$LANG_; rm -rf $D; mkdir -p $D
. /work/venvs/harden-text/bin/activate
cd $D
village-tui --db $D/v.db init --code 410611100901 --name 前进村 --township 大赉店镇 --county 淇滨区 \
  --party-members-voting 30 --committee-members 7 --rep-assembly-members 45 --representatives 38 \
  --women-members 16 --adult-villagers 1200 --households 350 >/dev/null
tmux kill-session -t $S 2>/dev/null
tmux new-session -d -s $S -x 80 -y 24 "cd $D && TZ=Asia/Shanghai VILLAGE_TUI_KEYMAP=/nonexistent village-tui --db $D/v.db --lang $LANG_ --actor $ACTOR"
n=0
shot() { sleep ${1:-2.5}; n=$((n+1)); tmux capture-pane -p -t $S > $D/$(printf %02d $n)-$2.txt; }
k() { tmux send-keys -t $S "$@"; sleep 0.4; }
tabs() { sleep 3; for _ in $(seq $1); do k Tab; done; }
conf() { sleep 2.5; if tmux capture-pane -p -t $S | grep -q "以下提醒需要确认\|These warnings need confirming"; then shot 0.5 "$1-confirm"; k y; sleep 2.5; fi; }
shot 4 dashboard
k n; shot 2 new-form
if [ $LANG_ = zh ]; then k -l "修建村西排水沟"; else k -l "West drain"; fi
shot 1 new-typed
k C-s; shot 3 matter
k x; shot 2 step1-form
tabs 5; k 5; k Tab; k 5; k Tab; k 5; shot 2 step1-typed
k C-s; conf step1; shot 1 step1-saved
k x; tabs 7; k 7; k Tab; k 7; k C-s; conf step2; shot 1 step2
k x; tabs 6; k 2 5; k Tab; k 2 4; shot 1 step3-form; k C-s; conf step3; shot 1 step3
k x; tabs 7; k 4 0; k Tab; k 3 8; shot 1 step4-form; k C-s; conf step4; shot 1 step4
k x; shot 2 step5-form
k C-s; conf step5; shot 1 step5
k x; shot 2 impl-form
k C-s; conf impl; shot 1 impl
k d; shot 2 completion-form
tabs 1; if [ $LANG_ = zh ]; then k -l "排水沟完工，经验收合格"; else k -l "Drain finished and inspected"; fi
k C-s; conf completion; shot 1 completion
k x; shot 2 step6-form
k C-s; conf step6; shot 1 step6
k g; shot 4 notice
k Escape; k h; shot 3 history
k Escape; k Escape; shot 3 dashboard-end
tmux kill-session -t $S
