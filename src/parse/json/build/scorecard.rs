//! The scorecard of report data: its indicator tree, claimed total and grade.

use super::*;

impl Builder {
    pub(super) fn num(&mut self, node: Option<&Node>) -> Option<Num> {
        let (value, decimals, span) = self.number(node?)?;
        Some(Num {
            value,
            decimals,
            span,
        })
    }

    pub(super) fn indicator(&mut self, node: &Node, parent_level: u8) -> Option<IndicatorData> {
        let name = Self::text(node.get("name"))?;
        let below = parent_level.saturating_add(1);
        let level = match node.get("level").map(|n| &n.kind) {
            Some(Kind::Number(l)) => l.parse::<u8>().unwrap_or(below),
            _ => below,
        };
        let weight = self.num(node.get("weight"));
        let score = self.num(node.get("score"));
        let children = node
            .get("children")
            .map(|c| {
                c.items()
                    .iter()
                    .filter_map(|k| self.indicator(k, level))
                    .collect()
            })
            .unwrap_or_default();
        Some(IndicatorData {
            name,
            level,
            weight,
            score,
            children,
        })
    }

    pub(super) fn scorecard(&mut self, s: &Node) -> ScorecardData {
        let indicators = s
            .get("indicators")
            .map(|i| {
                i.items()
                    .iter()
                    .filter_map(|k| self.indicator(k, 0))
                    .collect()
            })
            .unwrap_or_default();
        ScorecardData {
            span: s.span,
            rubric: Self::text(s.get("rubric")),
            indicators,
            total: self.num(s.get("total")),
            grade: Self::text(s.get("grade")),
        }
    }
}
