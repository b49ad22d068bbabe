/**
 * The scripts `roadmap completion <shell>` prints. They hold no commands, options or ids: each
 * asks `roadmap __complete <cword> -- <words…>` at completion time, so they never go stale.
 * stdin is closed and stderr dropped, so completing can never prompt or print an error.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export type Shell = (typeof SHELLS)[number];

// Plain bash, 3.2 or newer (macOS still ships 3.2): no bash-completion helpers, no mapfile, no
// compopt. bash splits words at the characters in COMP_WORDBREAKS, which usually holds `=` and
// `:`, so `--before=hf` arrives as `--before`, `=`, `hf`; the first loop glues such pieces back
// together for roadmap. Readline then replaces only the text after the last of those characters,
// so the replies drop what comes before it. Module ids contain `/`, which is no word break.
const BASH = `# roadmap completion for bash. Load it from ~/.bashrc:
#   source <(roadmap completion bash)
_roadmap_completion() {
  local i word glue=0 line
  local -a words=()
  for ((i = 0; i <= COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if ((i > 0)) && [[ -n $word && -z \${word//[=:]/} ]]; then
      words[\${#words[@]}-1]+=$word
      glue=1
    elif ((glue)); then
      words[\${#words[@]}-1]+=$word
      glue=0
    else
      words+=("$word")
    fi
  done
  local cur=\${words[\${#words[@]}-1]} keep=0
  for ((i = \${#cur} - 1; i >= 0; i--)); do
    word=\${cur:i:1}
    if [[ $word == [=:] && $COMP_WORDBREAKS == *"$word"* ]]; then
      keep=$((i + 1))
      break
    fi
  done
  COMPREPLY=()
  # What was typed, without the quote a word may begin with: the candidates come unquoted.
  local typed=\${cur:keep} all=1
  local bare=\${typed#[\\"\\']}
  while IFS= read -r line; do
    COMPREPLY+=("\${line:keep}")
    [[ \${line:keep} == "$bare"* ]] || all=0
  done < <(command roadmap __complete "$((\${#words[@]} - 1))" -- "\${words[@]}" 2>/dev/null </dev/null)
  # Ids found by a part of them (part1/ch1 for book-a/part1/ch1) don't begin with what was typed.
  # Given two of them, readline would put their common beginning in its place, and the typed
  # part would be lost; with what was typed among them, it is kept, and the ids are listed.
  if ((\${#COMPREPLY[@]} > 1 && ! all)); then COMPREPLY+=("$typed"); fi
}
# -o default: where roadmap has nothing to offer (a file to import, say), bash completes file names.
complete -o default -F _roadmap_completion roadmap
`;

// Works both sourced (after compinit) and autoloaded from a file named _roadmap on $fpath,
// where the file's body is the function and has to run the completion itself.
const ZSH = `#compdef roadmap
# roadmap completion for zsh. Load it from ~/.zshrc, after compinit:
#   source <(roadmap completion zsh)
_roadmap() {
  local -a candidates typed
  typed=("\${(@)words[1,CURRENT]}")
  # A ROADMAP_CONFIG_DIR=DIR typed before the command is not among the words: passed on as
  # --config-dir, which roadmap reads as the shell will.
  local pre=\${BUFFER%%[[:space:]]roadmap[[:space:]]*}
  if [[ $pre == *ROADMAP_CONFIG_DIR=* ]]; then
    pre=\${pre##*ROADMAP_CONFIG_DIR=}
    typed=("\${typed[1]}" --config-dir "\${pre%%[[:space:]]*}" "\${(@)typed[2,-1]}")
  fi
  candidates=(\${(f)"$(command roadmap __complete $((\${#typed} - 1)) -- "\${typed[@]}" 2>/dev/null </dev/null)"})
  # Where roadmap has nothing to offer (a file to import, say), complete file names, as bash does.
  (( \${#candidates} )) || { _files; return }
  compadd -- "\${candidates[@]}"
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _roadmap "$@"
else
  compdef _roadmap roadmap
fi
`;

const FISH = `# roadmap completion for fish. Save it where fish looks for completions:
#   roadmap completion fish > ~/.config/fish/completions/roadmap.fish
function __roadmap_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l candidates (command roadmap __complete (math (count $words) - 1) -- $words 2>/dev/null </dev/null)
    if set -q candidates[1]
        printf '%s\\n' $candidates
    else
        # Where roadmap has nothing to offer (a file to import, say), file names, as bash does.
        __fish_complete_path (commandline -ct)
    end
end
complete -c roadmap -f -a '(__roadmap_complete)'
`;

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
