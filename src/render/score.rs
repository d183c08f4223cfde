//! `jxlint score` in human form: for each file, the re-scored indicator table
//! ([`render_table`]), then the scoring findings one per line, then a total line.
//!
//! ```text
//! corpus/yantian-2023.txt
//! 评分规则：default
//! 指标                  分值  自评得分  复核得分  依据
//! 部门决策（文字）         —        20        20  —
//! 公众或服务对象满意度      6         6         4  服务对象满意度根据项目自评结果 90%以上（251:33），只能确定得 4 分（…）
//! 总分：自评 98.0，复核 96（公众或服务对象满意度 -2）
//! 等级：自评 优，复核 优
//!   296:46: S005 [warning] …
//! ```

use crate::diagnostic::Lang;
use crate::outcome::Outcome;
use crate::score::{ScoreReport, render_table};
use crate::source::LineIndex;

use super::{file_error_line, line_col, total_summary};

/// Render every file's scorecard and scoring findings.
pub fn render_score(outcome: &Outcome, lang: Lang) -> String {
    let mut out = String::new();
    for file in &outcome.files {
        if let Some(line) = file_error_line(file, lang) {
            out.push_str(&line);
            out.push_str("\n\n");
            continue;
        }
        let Some(scoring) = &file.score else {
            out.push_str(&match lang {
                Lang::Zh => format!("{}：未找到评分表或自评得分\n", file.display_path),
                Lang::En => format!("{}: no score table or stated score\n", file.display_path),
            });
            continue;
        };
        out.push_str(&file.display_path);
        out.push('\n');
        let report = ScoreReport::build(&file.text, scoring, lang);
        out.push_str(&render_table(&report, lang));
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let (line, col) = line_col(&index, &file.text, d.span.start);
            let msg: Vec<&str> = d
                .message
                .get(lang)
                .split(['\r', '\n'])
                .filter(|p| !p.is_empty())
                .collect();
            out.push_str(&format!(
                "  {line}:{col}: {} [{}] {}\n",
                d.code,
                d.severity.as_str(),
                msg.join(" ")
            ));
        }
        out.push('\n');
    }
    out.push_str(&total_summary(outcome, lang));
    out.push('\n');
    out
}
