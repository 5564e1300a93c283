#!/usr/bin/env bash
# The manual page, the bash completion and the AppStream release list against the program:
# every option a --help lists is described in spanwise.1 and completed by the completion
# script, every subcommand is in both, and the version is the one `spanwise --version` prints.
#   tests/packaging/check-cli-docs.sh SPANWISE SOURCE_DIR MAN_PAGE
set -euo pipefail
spanwise=$1 source=$2 man=$3
completion=$source/packaging/linux/spanwise.bash-completion
metainfo=$source/packaging/linux/dev.spanwise.Spanwise.metainfo.xml
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Long options of a --help text, without Qt's own --help-all.
long_options() { grep -oE '^ +(-[a-z?], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' | grep -vx -- '--help-all' || true; }

help=$("$spanwise" --help)
commands=$(sed -n '/^Subcommands/,/^$/p' <<< "$help" | grep -oE '^  [a-z]+' | tr -d ' ')
[[ -n "$commands" ]] || fail "no subcommands found in spanwise --help"
# shellcheck source=/dev/null
source "$completion"
[[ "$(tr ' ' '\n' <<< "$_spanwise_commands" | sort)" == "$(sort <<< "$commands")" ]] ||
    fail "completion commands ($_spanwise_commands) differ from --help ($(echo $commands))"

# The part of the manual page that describes a command: from its entry to the next one.
man_entry() { sed -n "/^\.BR $1\( \|\$\)/,/^\.\(TP\|SH\)/p" "$man"; }

check_option() { # WHERE OPTION MAN_TEXT COMPLETIONS
    grep -qF -- "${2//-/\\-}" <<< "$3" || fail "$1: $2 is not in the manual page"
    [[ " $4 " == *" $2 "* ]] || fail "$1: $2 is not completed"
}
for option in $(long_options <<< "$help"); do
    check_option "spanwise" "$option" "$(sed -n '/^\.SH OPTIONS/,/^\.SH COMMANDS/p' "$man")" "$_spanwise_window_options"
done
for command in $commands; do
    entry=$(man_entry "$command")
    [[ -n "$entry" ]] || fail "the manual page has no entry for $command"
    # Every command takes --help; the manual says so once, under OPTIONS.
    for option in $(QT_QPA_PLATFORM=offscreen "$spanwise" "$command" --help 2>/dev/null | long_options | grep -vx -- --help); do
        check_option "spanwise $command" "$option" "$entry" "$(_spanwise_options_of "$command")"
    done
done
tabs=$(grep -oE 'Open on this view: [^.]*' <<< "$(tr -s ' \n' ' ' <<< "$help")" | sed 's/Open on this view: //; s/,//g')
[[ "$tabs" == "$_spanwise_tabs" ]] || fail "completion views ($_spanwise_tabs) differ from --help ($tabs)"

version=$("$spanwise" --version | head -n 1 | awk '{print $2}')
grep -q "^\.TH SPANWISE 1 .*\"Spanwise $version\"" "$man" || fail "the manual page is not of version $version"
grep -q "<release version=\"$version\"" "$metainfo" || fail "the AppStream metainfo has no release $version"

if ((failures)); then
    echo "$failures problem(s)"
    exit 1
fi
echo "manual page, completion and metainfo agree with spanwise $version"
