//! Metrics and stated rates of report data: each metric's value, prior value and growth, and
//! each rate with its numerator and denominator, as figures and claims.

use super::*;

impl Builder {
    pub(super) fn metric(&mut self, item: &Node, index: usize) {
        let (Some(name), Some(value_node), Some(unit_node)) =
            (item.get("name"), item.get("value"), item.get("unit"))
        else {
            return;
        };
        let (Some(name), Some(unit_text)) = (name.as_str(), unit_node.as_str()) else {
            return;
        };
        let name_span = item
            .members()
            .iter()
            .find(|m| m.key == "name")
            .map_or(item.span, |m| m.value.span);
        let Some(unit) = parse_unit(unit_text) else {
            self.violations.push(Violation::new(
                unit_node.span,
                format!("指标「{name}」的单位 \"{unit_text}\" 无法识别：应为 元/万元/亿元、美元/万美元/亿美元、%、个百分点或计数单位（处、家、人次 …）"),
                format!("the unit \"{unit_text}\" of metric “{name}” is not one jxlint knows: 元/万元/亿元, 美元/万美元/亿美元, %, 个百分点, or a counted thing (处, 家, 人次 …)"),
            ));
            return;
        };
        let Some((value, decimals, span)) = self.number(value_node) else {
            return;
        };
        let period = self.period(item, ("指标", "metric"), name);
        let year = match item.get("year").map(|n| &n.kind) {
            Some(Kind::Number(y)) => y.parse::<u16>().ok().or(self.year),
            _ => self.year,
        };
        let qual = item
            .get("qualifier")
            .and_then(Node::as_str)
            .and_then(qualifier);
        let id = item
            .get("id")
            .and_then(Node::as_str)
            .filter(|s| fields::is_id(s));
        let base = match id {
            Some(id) => format!("metrics.{id}"),
            None => format!("metrics[{index}]"),
        };
        let aliases: Vec<&str> = item
            .get("aliases")
            .map(|a| a.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        let mut all_names = vec![name];
        all_names.extend(aliases.iter().copied());
        let concept = match &unit {
            Unit::Money { .. } => lexicon::money_concept(name),
            Unit::Percent => lexicon::rate_concept(name),
            _ => None,
        };
        let Some(v) = self.quantity(
            value,
            decimals,
            span,
            unit.clone(),
            name,
            name_span,
            concept,
            Figure {
                path: base.clone(),
                names: data_names(&all_names),
            },
        ) else {
            return;
        };
        self.qs[v].period = period;
        self.qs[v].year = year;
        self.qs[v].qualifier = qual;
        let mut growth = None;
        if let Some(g) = item.get("growth")
            && let Some((gv, gdp, gspan)) = self.number(g)
            && let Some(gi) = self.quantity(
                gv,
                gdp,
                gspan,
                Unit::Percent,
                &format!("{name}同比增长"),
                name_span,
                Some("rate.growth"),
                Figure {
                    path: format!("{base}.growth"),
                    names: Vec::new(),
                },
            )
        {
            self.qs[gi].period = period;
            self.qs[gi].year = year;
            growth = Some(gi);
        }
        let mut prior = None;
        if let Some(p) = item.get("prior")
            && let Some((pv, pdp, pspan)) = self.number(p)
            && let Some(pi) = self.quantity(
                pv,
                pdp,
                pspan,
                unit,
                &format!("{name}上年同期"),
                name_span,
                concept,
                Figure {
                    path: format!("{base}.prior"),
                    names: Vec::new(),
                },
            )
        {
            self.qs[pi].period = period;
            self.qs[pi].year = year.map(|y| y.saturating_sub(1));
            prior = Some(pi);
        }
        let parts: Vec<(String, Span)> = item
            .get("parts")
            .map(|p| {
                p.items()
                    .iter()
                    .filter_map(|n| Some((n.as_str()?.to_string(), n.span)))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(id) = id {
            let id_span = item.get("id").map_or(item.span, |n| n.span);
            if self.metric_ids.contains_key(id) {
                self.violations.push(Violation::new(
                    id_span,
                    format!("指标标识 {id} 重复：每个 id 只能用一次"),
                    format!("metric id `{id}` is used twice: ids must be unique"),
                ));
            } else {
                // `metrics.<id>` and its growth and prior value are found through the id.
                self.metric_ids.insert(id.to_string(), self.metrics.len());
            }
        }
        self.metrics.push(MetricRef {
            value: v,
            growth,
            prior,
            comparable: item
                .get("comparable")
                .map(|n| n.kind == Kind::Bool(true))
                .unwrap_or(false),
            parts,
        });
    }

    /// Sums of metrics that name their parts; growth against the prior value.
    pub(super) fn metric_relations(&mut self) {
        let mut sums = Vec::new();
        for m in &self.metrics {
            if m.parts.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            for (id, span) in &m.parts {
                match self.metric_ids.get(id) {
                    Some(&k) => parts.push(self.metrics[k].value),
                    None => self.violations.push(Violation::new(
                        *span,
                        format!("构成项 {id} 不是本文件中任何指标的 id"),
                        format!("part `{id}` is not the id of any metric in this file"),
                    )),
                }
            }
            if parts.len() == m.parts.len() && parts.len() >= 2 {
                let same_dim = parts
                    .iter()
                    .all(|&p| self.qs[p].unit.same_dimension(&self.qs[m.value].unit));
                let exact = std::iter::once(m.value)
                    .chain(parts.iter().copied())
                    .all(|i| self.qs[i].qualifier.is_none());
                if same_dim && exact {
                    sums.push(SumClaim {
                        total: m.value,
                        parts,
                        nested: true,
                        exhaustive: true,
                    });
                }
            }
        }
        self.sums.extend(sums);
    }

    /// An operand of a rate: a path into the data, or a figure stated with the rate.
    pub(super) fn operand(
        &mut self,
        node: &Node,
        rate_path: &str,
        role: (&str, &str),
    ) -> Option<usize> {
        if let Some(path) = node.as_str() {
            let found = self
                .path_index(path)
                .or_else(|| self.path_index(&format!("{path}.total")));
            if found.is_none() {
                let hint = if fields::is_known_path(path) {
                    (
                        "：本文件没有给出该字段的数值".to_string(),
                        ": this file gives no value for it".to_string(),
                    )
                } else {
                    match fields::suggest(path) {
                        Some(s) => (
                            format!("，是否应为 {s}？"),
                            format!("; did you mean `{s}`?"),
                        ),
                        None => (String::new(), String::new()),
                    }
                };
                self.violations.push(Violation::new(
                    node.span,
                    format!(
                        "{rate_path} 的{} {path} 不是本文件中的数值字段{}",
                        role.0, hint.0
                    ),
                    format!(
                        "the {} of {rate_path}, `{path}`, is not a figure of this file{}",
                        role.1, hint.1
                    ),
                ));
            }
            return found;
        }
        let (Some(label), Some(value), Some(unit)) = (
            node.get("label").and_then(Node::as_str),
            node.get("value"),
            node.get("unit"),
        ) else {
            return None;
        };
        let unit_text = unit.as_str()?;
        let Some(u) = parse_unit(unit_text) else {
            self.violations.push(Violation::new(
                unit.span,
                format!("{rate_path} 的{}单位 \"{unit_text}\" 无法识别", role.0),
                format!(
                    "the unit \"{unit_text}\" of the {} of {rate_path} is not one jxlint knows",
                    role.1
                ),
            ));
            return None;
        };
        let (v, dp, span) = self.number(value)?;
        let label_span = node
            .members()
            .iter()
            .find(|m| m.key == "label")
            .map_or(node.span, |m| m.value.span);
        let concept = if u.is_money() {
            lexicon::money_concept(label)
        } else {
            None
        };
        self.quantity(
            v,
            dp,
            span,
            u,
            label,
            label_span,
            concept,
            Figure {
                path: format!("{rate_path}.{}", role.1),
                names: data_names(&[label]),
            },
        )
    }

    pub(super) fn rate(&mut self, item: &Node, index: usize) {
        let (Some(name), Some(value_node)) =
            (item.get("name").and_then(Node::as_str), item.get("value"))
        else {
            return;
        };
        let name = name.to_string();
        let Some((value, decimals, span)) = self.number(value_node) else {
            return;
        };
        let kind = item
            .get("kind")
            .and_then(Node::as_str)
            .and_then(|k| RATE_KINDS.iter().find(|r| r.0 == k));
        let id = item
            .get("id")
            .and_then(Node::as_str)
            .filter(|s| fields::is_id(s));
        let path = match id {
            Some(id) => format!("rates.{id}"),
            None => format!("rates[{index}]"),
        };
        let concept = kind.map(|k| k.4).or_else(|| lexicon::rate_concept(&name));
        let name_span = item
            .members()
            .iter()
            .find(|m| m.key == "name")
            .map_or(item.span, |m| m.value.span);
        let mut names = vec![name.as_str()];
        let kind_aliases: Vec<&str> = match kind.map(|k| k.0) {
            Some("execution") => vec!["预算执行率", "部门预算执行率", "部门整体支出预算执行率"],
            Some("sangong_control") => vec!["三公经费控制率"],
            Some("public_control") => vec!["公用经费控制率", "日常公用经费控制率"],
            Some("carryover") => vec!["结转结余率"],
            Some("procurement_execution") => vec!["政府采购执行率"],
            Some("fixed_asset_use") => vec!["固定资产利用率"],
            _ => Vec::new(),
        };
        names.extend(kind_aliases);
        let Some(r) = self.quantity(
            value,
            decimals,
            span,
            Unit::Percent,
            &name,
            name_span,
            concept.and_then(|c| if c == "rate.carryover" { None } else { Some(c) }),
            Figure {
                path: path.clone(),
                names: data_names(&names),
            },
        ) else {
            return;
        };
        self.qs[r].period = self.period(item, ("比率", "rate"), &name);
        if let Some(id) = id {
            if self.by_path.contains_key(&path) {
                let id_span = item.get("id").map_or(item.span, |n| n.span);
                self.violations.push(Violation::new(
                    id_span,
                    format!("比率标识 {id} 重复：每个 id 只能用一次"),
                    format!("rate id `{id}` is used twice: ids must be unique"),
                ));
            } else {
                self.by_path.insert(path.clone(), r);
            }
        }
        let explicit = match (item.get("numerator"), item.get("denominator")) {
            (Some(n), Some(d)) => {
                let num = self.operand(n, &path, ("分子", "numerator"));
                let den = self.operand(d, &path, ("分母", "denominator"));
                Some((num, den))
            }
            _ => None,
        };
        let (num, den) = match (explicit, kind) {
            (Some(nd), _) => nd,
            (None, Some(k)) => (self.path_index(k.1), self.path_index(k.2)),
            (None, None) => {
                self.violations.push(Violation::new(
                    name_span,
                    format!("比率「{name}」既没有 kind，也没有 numerator 和 denominator：无法核对"),
                    format!("rate “{name}” has neither a `kind` nor a `numerator` and `denominator`: it cannot be checked"),
                ));
                return;
            }
        };
        let (Some(num), Some(den)) = (num, den) else {
            return;
        };
        let (nq, dq) = (&self.qs[num], &self.qs[den]);
        if !nq.unit.same_dimension(&dq.unit) {
            self.violations.push(Violation::new(
                name_span,
                format!("比率「{name}」的分子（{}）与分母（{}）单位不可比", nq.unit.display(), dq.unit.display()),
                format!("the numerator ({}) and denominator ({}) of rate “{name}” are not in comparable units", nq.unit.display(), dq.unit.display()),
            ));
            return;
        }
        if nq.qualifier.is_some() || dq.qualifier.is_some() {
            return;
        }
        let ratio_kind = match kind {
            Some(k) => k.3,
            None => match concept {
                Some("rate.execution") => RatioKind::Execution,
                Some("rate.control") => RatioKind::Control,
                Some("rate.share") => RatioKind::Share,
                _ => RatioKind::Completion,
            },
        };
        self.ratios.push(RatioClaim {
            kind: ratio_kind,
            rate: r,
            numerator: num,
            denominator: den,
            alternatives: Vec::new(),
        });
    }
}
