//! A normalised character view of a block of text, mapped back to source byte offsets.
//!
//! Reports come with full-width digits (`９８．５％`), PDF artefacts (line breaks inside a
//! sentence, spaces inside figures: `1121 亿元`, `85.06 %`) and mixed ASCII/full-width
//! punctuation. The scanners work on this view instead: full-width forms folded to ASCII
//! (NFKC for the characters that matter), ASCII punctuation folded to its Chinese form
//! (`(` → `（`, `;` → `；`, `:` → `：`), dashes unified, and whitespace dropped except a single
//! space between two ASCII letters or digits (so `390 390` stays two numbers). Every character
//! keeps the byte range it came from, so spans always land on the source text.

use crate::model::Span;

#[derive(Debug, Clone, Default)]
pub struct Norm {
    pub chars: Vec<char>,
    /// Source byte range of each character.
    pub spans: Vec<(usize, usize)>,
    /// Source byte ranges of the pinyin left out of the view (`財(cái)政`: `cái`), so that
    /// they can still be reported as foreign text.
    pub ruby: Vec<(usize, usize)>,
}

impl Norm {
    /// Normalise `text[span]`.
    pub fn new(text: &str, span: Span) -> Norm {
        let mut out = Norm::default();
        out.refill(text, span);
        out
    }

    /// Normalise `text[span]` into this view, reusing its memory (for a scanner that reads
    /// block after block).
    pub fn refill(&mut self, text: &str, span: Span) {
        let out = self;
        out.chars.clear();
        out.spans.clear();
        out.ruby.clear();
        let Some(slice) = text.get(span.start..span.end) else {
            return;
        };
        // At most one normalised character per source character (whitespace is dropped or
        // becomes the one space it stands for): one allocation per vector, none when the
        // vectors already hold as many characters as the slice has bytes.
        if slice.len() > out.chars.capacity().min(out.spans.capacity()) {
            let cap = slice.chars().count();
            out.chars.reserve_exact(cap);
            out.spans.reserve_exact(cap);
        }
        let mut pending_space = false;
        let mut skip_to = 0;
        for (i, c) in slice.char_indices() {
            if i < skip_to {
                continue;
            }
            let start = span.start + i;
            // The common case first: a CJK ideograph is no bracket, no space and never kept
            // apart by one (the same as the steps below).
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                pending_space = false;
                out.chars.push(fold(c));
                out.spans.push((start, start + 3));
                continue;
            }
            let end = start + c.len_utf8();
            // `財(cái)政`: pinyin a mirror site put after a character is no part of the text.
            if (c == '(' || c == '（')
                && out.chars.last().is_some_and(|&p| is_cjk(p))
                && let Some(n) = pinyin_ruby(&slice[i + c.len_utf8()..])
            {
                skip_to = i + c.len_utf8() + n;
                let letters = start + c.len_utf8();
                let close = slice[..skip_to]
                    .chars()
                    .next_back()
                    .map_or(1, char::len_utf8);
                out.ruby.push((letters, span.start + skip_to - close));
                continue;
            }
            if c.is_whitespace() || c == '\u{3000}' {
                pending_space = true;
                continue;
            }
            let f = fold(c);
            if pending_space
                && let Some(&prev) = out.chars.last()
                && prev.is_ascii_alphanumeric()
                && f.is_ascii_alphanumeric()
            {
                // Keep the space so that two numbers (or words) stay apart; its span is
                // the character before, so a span never points at whitespace alone.
                let prev_end = out.spans.last().map(|s| s.1).unwrap_or(start);
                out.chars.push(' ');
                out.spans.push((prev_end, prev_end));
            }
            pending_space = false;
            out.chars.push(f);
            out.spans.push((start, end));
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Source span of characters `[from, to)`.
    pub fn span(&self, from: usize, to: usize) -> Span {
        if from >= to || to > self.spans.len() {
            let p = self.spans.get(from).map(|s| s.0).unwrap_or(0);
            return Span::new(p, p);
        }
        Span::new(self.spans[from].0, self.spans[to - 1].1)
    }

    /// The normalised text of characters `[from, to)`.
    pub fn text(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.len())..to.min(self.len())]
            .iter()
            .collect()
    }

    /// Whether the characters at `at` spell `s`.
    pub fn starts_with_at(&self, at: usize, s: &str) -> bool {
        (at..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    /// Whether the characters ending just before `at` spell `s`.
    pub fn ends_with_at(&self, at: usize, s: &str) -> bool {
        // Compared from the end, so that a word whose last character differs costs one
        // comparison.
        let mut k = at;
        for c in s.chars().rev() {
            if k == 0 || self.chars.get(k - 1) != Some(&c) {
                return false;
            }
            k -= 1;
        }
        true
    }
}

/// The most letters of one pinyin syllable: 6 (`zhuàng`).
pub const MAX_PINYIN_LETTERS: usize = 6;

/// The length in bytes of a pinyin syllable with its tone mark and the closing bracket at the
/// start of `s` (`cái)`, `yù）`), or `None`: lowercase letters only, at most
/// [`MAX_PINYIN_LETTERS`], at least one of them with a tone mark (so `(a)`, `(万元)` and `(ab)`
/// are no ruby).
pub fn pinyin_ruby(s: &str) -> Option<usize> {
    const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
    let mut letters = 0;
    let mut toned = false;
    for (i, c) in s.char_indices() {
        match c {
            ')' | '）' => {
                return (toned && letters > 0).then_some(i + c.len_utf8());
            }
            'a'..='z' | 'ü' => letters += 1,
            c if TONED.contains(c) => {
                letters += 1;
                toned = true;
            }
            _ => return None,
        }
        if letters > MAX_PINYIN_LETTERS {
            return None;
        }
    }
    None
}

/// Fold one character: full-width ASCII to ASCII, ASCII punctuation to the Chinese forms the
/// parser keys on, every dash to `-`.
#[inline]
pub fn fold(c: char) -> char {
    // The two common cases first (same answers as the match below): ASCII, and the CJK
    // ideographs, of which only traditional forms change.
    let u = c as u32;
    if u < 0x80 {
        return match c {
            '(' => '（',
            ')' => '）',
            ';' => '；',
            ':' => '：',
            '!' => '！',
            '?' => '？',
            '~' => '-',
            _ => c,
        };
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return match c {
            '萬' => '万',
            '億' => '亿',
            _ if is_traditional(c) => simplified(c),
            _ => c,
        };
    }
    fold_other(c)
}

/// [`fold`] of any character (the whole table).
fn fold_other(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            match a {
                // Keep the Chinese punctuation forms the sentence splitter uses.
                '(' => '（',
                ')' => '）',
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '!' => '！',
                '?' => '？',
                '~' => '-',
                other => other,
            }
        }
        '(' => '（',
        ')' => '）',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '~' | '\u{FE63}' => '-',
        // Traditional forms of the scale words (texts transcoded on mirror sites): 萬元, 億元.
        '萬' => '万',
        '億' => '亿',
        '\u{3002}' => '。',
        '\u{FF61}' => '。',
        '\u{4E00}'..='\u{9FFF}' if is_traditional(c) => simplified(c),
        _ => c,
    }
}

/// The CJK unified ideographs block (U+4E00–U+9FFF), one bit per character.
const CJK_BASE: u32 = 0x4E00;
const CJK_WORDS: usize = (0x9FFF - 0x4E00 + 1) / 64 + 1;

/// One bit per character of [`TRADITIONAL`]: most characters are checked with one load
/// instead of a binary search.
static TRADITIONAL_BITS: [u64; CJK_WORDS] = {
    let mut bits = [0u64; CJK_WORDS];
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let k = TRADITIONAL[i].0 as u32 - CJK_BASE;
        bits[(k / 64) as usize] |= 1 << (k % 64);
        i += 1;
    }
    bits
};

/// Whether `c` (in U+4E00–U+9FFF) is a key of [`TRADITIONAL`].
fn is_traditional(c: char) -> bool {
    let k = (c as u32).wrapping_sub(CJK_BASE);
    TRADITIONAL_BITS
        .get((k / 64) as usize)
        .is_some_and(|w| w & (1 << (k % 64)) != 0)
}

/// The simplified form of a traditional character common in budget reports (texts transcoded
/// on mirror sites: `預算總額調整為…`), or the character itself. Labels, concepts and cue
/// words are matched on the simplified forms.
pub fn simplified(c: char) -> char {
    TRADITIONAL
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| TRADITIONAL[i].1)
}

/// Traditional → simplified, sorted by the traditional character (a test keeps it so). Only
/// characters whose simplified form is unambiguous.
pub const TRADITIONAL: &[(char, char)] = &[
    ('並', '并'),
    ('來', '来'),
    ('係', '系'),
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('傳', '传'),
    ('債', '债'),
    ('價', '价'),
    ('億', '亿'),
    ('償', '偿'),
    ('優', '优'),
    ('儲', '储'),
    ('兌', '兑'),
    ('兒', '儿'),
    ('內', '内'),
    ('兩', '两'),
    ('則', '则'),
    ('創', '创'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勢', '势'),
    ('勵', '励'),
    ('匯', '汇'),
    ('區', '区'),
    ('協', '协'),
    ('厲', '厉'),
    ('參', '参'),
    ('員', '员'),
    ('問', '问'),
    ('單', '单'),
    ('嚴', '严'),
    ('國', '国'),
    ('圍', '围'),
    ('園', '园'),
    ('圖', '图'),
    ('團', '团'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('塊', '块'),
    ('壓', '压'),
    ('壩', '坝'),
    ('夠', '够'),
    ('婦', '妇'),
    ('學', '学'),
    ('實', '实'),
    ('審', '审'),
    ('寫', '写'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('屆', '届'),
    ('層', '层'),
    ('屬', '属'),
    ('島', '岛'),
    ('師', '师'),
    ('幣', '币'),
    ('幫', '帮'),
    ('庫', '库'),
    ('廠', '厂'),
    ('廢', '废'),
    ('廣', '广'),
    ('廳', '厅'),
    ('張', '张'),
    ('強', '强'),
    ('彙', '汇'),
    ('後', '后'),
    ('徑', '径'),
    ('從', '从'),
    ('徵', '征'),
    ('態', '态'),
    ('慶', '庆'),
    ('應', '应'),
    ('戰', '战'),
    ('戶', '户'),
    ('採', '采'),
    ('損', '损'),
    ('撥', '拨'),
    ('擇', '择'),
    ('擔', '担'),
    ('據', '据'),
    ('擬', '拟'),
    ('擴', '扩'),
    ('數', '数'),
    ('斷', '断'),
    ('於', '于'),
    ('時', '时'),
    ('曆', '历'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('業', '业'),
    ('極', '极'),
    ('構', '构'),
    ('樂', '乐'),
    ('樓', '楼'),
    ('標', '标'),
    ('橋', '桥'),
    ('機', '机'),
    ('檔', '档'),
    ('檢', '检'),
    ('權', '权'),
    ('歲', '岁'),
    ('歷', '历'),
    ('歸', '归'),
    ('殘', '残'),
    ('氣', '气'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('淨', '净'),
    ('減', '减'),
    ('測', '测'),
    ('準', '准'),
    ('溝', '沟'),
    ('溫', '温'),
    ('滿', '满'),
    ('漁', '渔'),
    ('漲', '涨'),
    ('潔', '洁'),
    ('潤', '润'),
    ('濟', '济'),
    ('瀏', '浏'),
    ('灘', '滩'),
    ('灣', '湾'),
    ('災', '灾'),
    ('為', '为'),
    ('無', '无'),
    ('熱', '热'),
    ('營', '营'),
    ('爭', '争'),
    ('狀', '状'),
    ('獎', '奖'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畢', '毕'),
    ('畫', '画'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('盡', '尽'),
    ('監', '监'),
    ('確', '确'),
    ('礎', '础'),
    ('礦', '矿'),
    ('稅', '税'),
    ('稱', '称'),
    ('積', '积'),
    ('競', '竞'),
    ('節', '节'),
    ('範', '范'),
    ('築', '筑'),
    ('糧', '粮'),
    ('紀', '纪'),
    ('約', '约'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('絡', '络'),
    ('給', '给'),
    ('統', '统'),
    ('經', '经'),
    ('綠', '绿'),
    ('維', '维'),
    ('網', '网'),
    ('線', '线'),
    ('編', '编'),
    ('緩', '缓'),
    ('練', '练'),
    ('縣', '县'),
    ('縮', '缩'),
    ('總', '总'),
    ('績', '绩'),
    ('繫', '系'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('習', '习'),
    ('聯', '联'),
    ('職', '职'),
    ('聽', '听'),
    ('脫', '脱'),
    ('臨', '临'),
    ('與', '与'),
    ('興', '兴'),
    ('舉', '举'),
    ('舊', '旧'),
    ('莊', '庄'),
    ('華', '华'),
    ('萬', '万'),
    ('藝', '艺'),
    ('藥', '药'),
    ('處', '处'),
    ('號', '号'),
    ('虧', '亏'),
    ('術', '术'),
    ('衛', '卫'),
    ('衝', '冲'),
    ('補', '补'),
    ('裝', '装'),
    ('規', '规'),
    ('視', '视'),
    ('覽', '览'),
    ('觀', '观'),
    ('計', '计'),
    ('訓', '训'),
    ('託', '托'),
    ('記', '记'),
    ('設', '设'),
    ('註', '注'),
    ('評', '评'),
    ('詞', '词'),
    ('該', '该'),
    ('認', '认'),
    ('語', '语'),
    ('說', '说'),
    ('課', '课'),
    ('調', '调'),
    ('請', '请'),
    ('證', '证'),
    ('譯', '译'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('負', '负'),
    ('財', '财'),
    ('貧', '贫'),
    ('貨', '货'),
    ('責', '责'),
    ('貸', '贷'),
    ('費', '费'),
    ('貼', '贴'),
    ('貿', '贸'),
    ('資', '资'),
    ('賓', '宾'),
    ('質', '质'),
    ('賬', '账'),
    ('購', '购'),
    ('車', '车'),
    ('較', '较'),
    ('輛', '辆'),
    ('輸', '输'),
    ('轄', '辖'),
    ('轉', '转'),
    ('辦', '办'),
    ('農', '农'),
    ('這', '这'),
    ('連', '连'),
    ('週', '周'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('違', '违'),
    ('遞', '递'),
    ('遠', '远'),
    ('遲', '迟'),
    ('選', '选'),
    ('還', '还'),
    ('邊', '边'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('鄰', '邻'),
    ('醫', '医'),
    ('釋', '释'),
    ('銀', '银'),
    ('銷', '销'),
    ('鋼', '钢'),
    ('錄', '录'),
    ('錢', '钱'),
    ('鎮', '镇'),
    ('鐵', '铁'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('閘', '闸'),
    ('關', '关'),
    ('陸', '陆'),
    ('陽', '阳'),
    ('隊', '队'),
    ('際', '际'),
    ('險', '险'),
    ('雜', '杂'),
    ('難', '难'),
    ('電', '电'),
    ('韓', '韩'),
    ('頁', '页'),
    ('項', '项'),
    ('順', '顺'),
    ('須', '须'),
    ('預', '预'),
    ('領', '领'),
    ('頭', '头'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('顧', '顾'),
    ('顯', '显'),
    ('養', '养'),
    ('餘', '余'),
    ('館', '馆'),
    ('驗', '验'),
    ('體', '体'),
    ('鹽', '盐'),
    ('麼', '么'),
    ('點', '点'),
    ('黨', '党'),
    ('齡', '龄'),
    ('龍', '龙'),
];

/// The character starting at byte `i` of `b` (valid UTF-8, `i` on a character boundary).
const fn char_at(b: &[u8], i: usize) -> char {
    let c = if b[i] < 0x80 {
        b[i] as u32
    } else if b[i] < 0xE0 {
        ((b[i] & 0x1F) as u32) << 6 | (b[i + 1] & 0x3F) as u32
    } else if b[i] < 0xF0 {
        ((b[i] & 0x0F) as u32) << 12 | ((b[i + 1] & 0x3F) as u32) << 6 | (b[i + 2] & 0x3F) as u32
    } else {
        ((b[i] & 0x07) as u32) << 18
            | ((b[i + 1] & 0x3F) as u32) << 12
            | ((b[i + 2] & 0x3F) as u32) << 6
            | (b[i + 3] & 0x3F) as u32
    };
    match char::from_u32(c) {
        Some(c) => c,
        None => '\0',
    }
}

/// The first character of each word (`'\0'` for an empty one), computed at compile time so
/// that a word list is filtered by its first character without decoding the words.
pub const fn first_chars<const N: usize>(words: &[&str]) -> [char; N] {
    let mut out = ['\0'; N];
    let mut k = 0;
    while k < N && k < words.len() {
        if !words[k].is_empty() {
            out[k] = char_at(words[k].as_bytes(), 0);
        }
        k += 1;
    }
    out
}

/// The last character of each word (`'\0'` for an empty one), computed at compile time.
pub const fn last_chars<const N: usize>(words: &[&str]) -> [char; N] {
    let mut out = ['\0'; N];
    let mut k = 0;
    while k < N && k < words.len() {
        let b = words[k].as_bytes();
        if !b.is_empty() {
            let mut i = b.len() - 1;
            while b[i] & 0xC0 == 0x80 {
                i -= 1;
            }
            out[k] = char_at(b, i);
        }
        k += 1;
    }
    out
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod traditional_tests {
    use super::*;

    #[test]
    fn pinyin_ruby_after_a_character_is_dropped() {
        let text = "財(cái)政預（yù）算收入(万元)2(a)3";
        let n = Norm::new(text, Span::new(0, text.len()));
        let s: String = n.chars.iter().collect();
        assert_eq!(s, "财政预算收入（万元）2（a）3");
        // Spans still land on the source characters around the ruby.
        let k = s.chars().position(|c| c == '政').unwrap();
        assert_eq!(&text[n.spans[k].0..n.spans[k].1], "政");
        let ruby: Vec<&str> = n.ruby.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(ruby, ["cái", "yù"]);
        assert_eq!(pinyin_ruby("zhuàng)"), Some("zhuàng)".len()));
        assert_eq!(pinyin_ruby("zhuàngx)"), None);
        assert_eq!(pinyin_ruby("de)"), None);
        assert_eq!(pinyin_ruby("yù"), None);
        assert_eq!(MAX_PINYIN_LETTERS, 6);
    }

    #[test]
    fn traditional_table_is_sorted_and_folds() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        let folded: String = "預算總額調整為".chars().map(fold).collect();
        assert_eq!(folded, "预算总额调整为");
        // Every traditional character is in the bitmap, and no other one.
        for c in ('\u{4E00}'..='\u{9FFF}').chain(['萬', '億', 'A', '（']) {
            let listed = TRADITIONAL.binary_search_by_key(&c, |&(t, _)| t).is_ok();
            assert_eq!(
                ('\u{4E00}'..='\u{9FFF}').contains(&c) && is_traditional(c),
                listed,
                "{c}"
            );
        }
        // Folding twice folds once: a cleaned text cleans to itself.
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(fold(fold(c)), fold(c), "{c:?}");
        }
        // First and last characters read at compile time.
        let words = ["其中", "a", "", "é字", "𠀀x", "万元"];
        let first: [char; 6] = first_chars(&words);
        let last: [char; 6] = last_chars(&words);
        for (k, w) in words.iter().enumerate() {
            assert_eq!(first[k], w.chars().next().unwrap_or('\0'));
            assert_eq!(last[k], w.chars().next_back().unwrap_or('\0'));
        }
        // Simplified text is left as it is.
        assert_eq!(fold('预'), '预');
        assert_eq!(fold('算'), '算');
    }
}
