//! The command line in Chinese: `--help` texts, command descriptions and headings for
//! `--lang zh` (or a Chinese locale).
//!
//! clap's derive takes its help from the English doc comments of [`crate::cli`]; [`localize`]
//! replaces them, argument by argument, with the Chinese of [`ARGS`] and [`COMMANDS`]. An
//! argument or command without a Chinese text keeps its English one, and a test checks that
//! none is left without. Enumerated values are listed inside the Chinese help (clap's own
//! list of possible values, in English, is hidden then).

use clap::Command;

use crate::diagnostic::Lang;

/// `(command, argument id, help)`; command `""` is the top level (and its global arguments).
pub const ARGS: &[(&str, &str, &str)] = &[
    (
        "",
        "lang",
        "消息语言：zh（中文）或 en（英文）[默认：取自 LC_ALL / LC_MESSAGES / LANG；未设置时为中文]",
    ),
    (
        "",
        "color",
        "何时使用颜色：auto（仅当标准输出是终端且未设置 NO_COLOR）、always、never [默认：auto]",
    ),
    ("", "help", "显示帮助"),
    ("", "version", "显示版本"),
    (
        "check",
        "paths",
        "要检查的文件和文件夹；`-` 表示从标准输入读取 [默认：.]",
    ),
    (
        "check",
        "format",
        "输出格式：human（在报告原文下标出数字）、concise（每条一行）、json（稳定的机器可读格式）、\
         sarif（SARIF 2.1.0）、github（GitHub Actions 注释）[默认：human]",
    ),
    (
        "check",
        "select",
        "只运行代码以这些前缀开头的规则（逗号分隔：`A,U001`）",
    ),
    (
        "check",
        "ignore",
        "不运行代码以这些前缀开头的规则（逗号分隔）",
    ),
    (
        "check",
        "fail_on",
        "使退出状态为 1 的最低严重程度：error、warning、info [默认：warning]",
    ),
    (
        "check",
        "no_summary",
        "不打印汇总行（human 和 concise 格式）",
    ),
    (
        "check",
        "config",
        "所有文件都使用此配置文件 [默认：每个文件所在文件夹或其上级文件夹中最近的 jxlint.toml]",
    ),
    (
        "check",
        "baseline",
        "只报告此基线文件中未记录的问题（与 --write-baseline 一起使用时：把当前问题记入该文件）",
    ),
    (
        "check",
        "write_baseline",
        "把当前全部问题记入 --baseline 文件（替换原有内容）后退出",
    ),
    (
        "check",
        "fix",
        "对 .txt 和 .md 文件（仅限 UTF-8）应用安全修正，然后报告剩余问题",
    ),
    (
        "check",
        "diff",
        "以统一差异格式打印安全修正而不写入文件；有修正时退出状态为 1",
    ),
    (
        "check",
        "rubric",
        "重新评分所依据的评分规则（JSON，见 schemas/rubric.schema.json）[默认：内置规则]",
    ),
    (
        "check",
        "stdin_filename",
        "从标准输入（`-`）读取的报告的文件名：用于输出中的路径，并按其扩展名确定格式 [默认：按纯文本读取]",
    ),
    ("check", "output_file", "把输出写入此文件而不是标准输出"),
    (
        "check",
        "coverage",
        "同时列出能核对却未能核对的关系（未绑定的候选关系及原因）",
    ),
    (
        "check",
        "statistics",
        "只打印每条规则的问题数量，不逐条列出",
    ),
    ("score", "paths", "要重新评分的文件和文件夹 [默认：.]"),
    (
        "score",
        "format",
        "输出格式：human（指标表、合计与等级，然后是评分问题）、json（与 `check --format json` 相同，只含评分规则）[默认：human]",
    ),
    (
        "score",
        "rubric",
        "重新评分所依据的评分规则（JSON，见 schemas/rubric.schema.json）[默认：内置规则]",
    ),
    (
        "score",
        "fail_on",
        "使退出状态为 1 的评分问题最低严重程度：error、warning、info [默认：warning]",
    ),
    ("rules", "format", "输出格式：human 或 json [默认：human]"),
    (
        "explain",
        "code",
        "规则代码（`A001`）或名称（`ratio-mismatch`）",
    ),
    ("help", "subcommand", "要显示帮助的命令"),
    (
        "completions",
        "shell",
        "shell：bash、elvish、fish、powershell、zsh",
    ),
];

/// `(command, about)`; command `""` is the top level.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        "",
        "jxlint 检查预算绩效评价报告（绩效评价报告）中的数字：比率、合计、占比、增减、单位、重复数字和编号。",
    ),
    (
        "check",
        "检查文件和文件夹中的报告（.txt、.md、.docx、.json）",
    ),
    (
        "score",
        "重新评分报告的评分表：分值、自评得分与复核得分、依据、合计",
    ),
    ("rules", "列出全部规则：代码、名称、默认级别、摘要"),
    ("explain", "打印一条规则的说明"),
    ("completions", "生成 shell 补全脚本（打印到标准输出）"),
    ("man", "生成 man 手册页（roff，打印到标准输出）"),
    ("help", "显示本帮助或指定命令的帮助"),
];

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line of `cmd` in `lang`: unchanged for English; for Chinese every help text,
/// command description and heading replaced. `cmd` is built first, so that the generated
/// `--help`, `--version` and `help` are there to translate.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    translate(cmd, "")
}

fn translate(mut cmd: Command, name: &str) -> Command {
    if let Some((_, about)) = COMMANDS.iter().find(|(c, _)| *c == name) {
        cmd = cmd.about(*about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.is_positional(),
                a.get_possible_values().is_empty(),
            )
        })
        .collect();
    for (id, positional, no_values) in ids {
        let help = ARGS
            .iter()
            .find(|(c, a, _)| *a == id && (*c == name || c.is_empty()))
            .map(|(_, _, h)| *h);
        cmd = cmd.mut_arg(&id, |a| {
            let a = a.help_heading(if positional { "参数" } else { "选项" });
            match help {
                Some(h) => a
                    .help(h)
                    .long_help(None)
                    .hide_possible_values(!no_values)
                    .hide_default_value(true),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| translate(s, &sub));
    }
    cmd
}
