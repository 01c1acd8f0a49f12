import type { Command, Option } from 'commander';

// Completion scripts generated from the command tree itself, so every command, alias, option and
// option value (--output table|json|yaml, --policy, --type) is offered without a list to keep.
interface Node {
  path: string; // canonical names from the root, space-separated ("config put")
  subcommands: { names: string[]; description: string; argument?: boolean }[];
  options: Option[];
}

function collect(command: Command, path: string, into: Node[]): void {
  const options = command.options.filter((o) => !o.hidden);
  const visible = command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
  // A command without subcommands whose first argument has choices (`completion bash|zsh`)
  // offers those choices in their place.
  const choices = visible.length ? [] : (command.registeredArguments[0]?.argChoices ?? []).map((choice) => ({ names: [choice], description: choice, argument: true }));
  into.push({ path, subcommands: [...visible.map((c) => ({ names: [c.name(), ...c.aliases()], description: c.description() })), ...choices], options });
  for (const sub of visible) collect(sub, path ? `${path} ${sub.name()}` : sub.name(), into);
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const flagsOf = (o: Option): string[] => [o.long, o.short].filter((f): f is string => Boolean(f));
const takesValue = (o: Option): boolean => o.required || o.optional;

// Shell functions shared by both scripts (POSIX case statements work in bash and zsh).
function lookupFunctions(nodes: Node[], describe: boolean): string {
  const subs = nodes
    .map((n) => {
      const lines = n.subcommands.map((s) => (describe ? `${s.names[0]}:${s.description.replace(/:/g, '\\:')}` : s.names.join(' ')));
      return lines.length ? `    ${quote(n.path)}) printf '%s\\n' ${lines.map(quote).join(' ')} ;;` : '';
    })
    .filter(Boolean);
  const canon = nodes.flatMap((n) => n.subcommands.filter((s) => !s.argument).map((s) => `    ${s.names.map((name) => quote(`${n.path}|${name}`)).join('|')}) echo ${quote(s.names[0])} ;;`));
  const opts = nodes.map((n) => `    ${quote(n.path)}) echo ${quote(n.options.flatMap(flagsOf).concat('--help').join(' '))} ;;`);
  const valued = nodes.flatMap((n) => n.options.filter(takesValue).map((o) => `    ${flagsOf(o).map((f) => quote(`${n.path}|${f}`)).join('|')}) echo ${quote((o.argChoices ?? []).join(' '))}; return 0 ;;`));
  return [
    '_switchboard_subs() {',
    '  case "$1" in',
    ...subs,
    '  esac',
    '}',
    '_switchboard_canon() {',
    '  case "$1|$2" in',
    ...canon,
    '  esac',
    '}',
    '_switchboard_opts() {',
    '  case "$1" in',
    ...opts,
    '  esac',
    '}',
    '# Prints the choices of an option that takes a value (nothing: any value); fails for a flag.',
    '_switchboard_values() {',
    '  case "$1|$2" in',
    ...valued,
    '  esac',
    '  return 1',
    '}',
  ].join('\n');
}

// The command path of the words before the cursor, skipping options and their values.
const walk = (first: string, last: string, word: string) => `  local cmdpath="" w i canon skip=0
  for ((i=${first}; i<${last}; i++)); do
    w=${word}
    if (( skip )); then skip=0; continue; fi
    case "$w" in
      -*) _switchboard_values "$cmdpath" "$w" >/dev/null && skip=1; continue ;;
    esac
    canon=$(_switchboard_canon "$cmdpath" "$w")
    [ -n "$canon" ] && cmdpath="\${cmdpath:+$cmdpath }$canon"
  done`;

export function bashCompletion(program: Command): string {
  const nodes: Node[] = [];
  collect(program, '', nodes);
  return `# bash completion for switchboard: source <(switchboard completion bash)
${lookupFunctions(nodes, false)}
_switchboard() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" values
${walk('1', 'COMP_CWORD', '"${COMP_WORDS[i]}"')}
  if values=$(_switchboard_values "$cmdpath" "$prev"); then
    if [ -n "$values" ]; then COMPREPLY=($(compgen -W "$values" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
    return
  fi
  case "$cur" in
    -*) COMPREPLY=($(compgen -W "$(_switchboard_opts "$cmdpath")" -- "$cur")) ;;
    *)
      local subs; subs=$(_switchboard_subs "$cmdpath")
      if [ -n "$subs" ]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
  esac
}
complete -o filenames -F _switchboard switchboard
`;
}

export function zshCompletion(program: Command): string {
  const nodes: Node[] = [];
  collect(program, '', nodes);
  return `#compdef switchboard
# zsh completion for switchboard: source <(switchboard completion zsh), after compinit
${lookupFunctions(nodes, true)}
_switchboard() {
  local values
${walk('2', 'CURRENT', '${words[i]}')}
  if values=$(_switchboard_values "$cmdpath" "\${words[CURRENT-1]}"); then
    if [[ -n $values ]]; then compadd -- \${=values}; else _files; fi
    return
  fi
  if [[ \${words[CURRENT]} == -* ]]; then
    compadd -- \${=$(_switchboard_opts "$cmdpath")}
    return
  fi
  local -a subs
  subs=("\${(@f)$(_switchboard_subs "$cmdpath")}")
  if [[ -n \${subs[1]} ]]; then _describe 'command' subs; else _files; fi
}
compdef _switchboard switchboard
`;
}
