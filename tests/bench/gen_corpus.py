"""Deterministic corpus generator for the benchmark: N valid documents in the project's own format.

    PYTHONPATH=hooks .venv/bin/python tests/bench/gen_corpus.py DEST --n 1000 [--seed 1] [--baseline]

writes a complete site into DEST (which must not exist or be empty):

* copies of the repository's mkdocs.yml, hooks/, overrides/, docs/assets/, docs/index.md,
  docs/<kind>/index.md, docs/guide/ and data/{kinds,sections,forms,problems}.yml + data/schemas/;
* generated data/topics.yml (the repository's topics plus more) and data/bodies.yml (many bodies);
* N documents under docs/{rules,plans,summaries,notes}/ with data/plans/*.yml and data/summaries/*.yml.

What the documents look like is read from the copied vocabularies, not hard-coded: the required
sections (names or aliases, in order, `position: first/last`) come from data/sections.yml, kinds and
types from data/kinds.yml, forms from data/forms.yml. Documents come in per-(body, year) bundles — a
consultation plan with items, its annual summary reporting on those items (follow-through), sometimes
a half-year summary, a work plan, a rule or a study note — so summaries' `reports:` always name real
items of a plan of the same body and year. Text is built from a seeded phrase vocabulary: 1.5–3k
Chinese characters of prose a page, consecutive 一、/（一） numbering, rule articles 第一条… without
gaps, only the three allowed macros, no template residue.

Deterministic: the same (n, seed) writes byte-identical files (every document has its own
random.Random seeded with a string, so nothing depends on hash randomisation or dict order). `write_baseline(root)` adds the plain-Material twin used by the
benchmark: docs-baseline/ (macro lines and `template:` keys removed) and mkdocs-baseline.yml (same
theme, markdown_extensions and nav; no hooks, no plugins, no custom_dir). `write_material_user(root)`
adds what a Material user would set up on the same pages: docs-material-user/ (with `tags:`) and
mkdocs-material-user.yml (built-in search with jieba, tags plugin, documents in the nav, navigation.prune).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
FIRST_YEAR, LAST_YEAR = 2006, 2024
SAMPLE_NOTE = "本文档由基准测试程序自动生成，发文单位、议题、日期和数字均为虚构。"

# ---- vocabularies ---------------------------------------------------------------------------------

EXTRA_TOPICS = [
    ("digital-economy", "数字经济", "围绕数字产业化、产业数字化和数字政府建设开展调研协商。"),
    ("technology", "科技创新", "关注科技成果转化、创新平台建设和人才引进培养。"),
    ("rule-of-law", "法治建设", "围绕法治政府建设、普法宣传和公共法律服务建言献策。"),
    ("ethnic-religious", "民族宗教", "做好民族宗教界人士的团结工作，促进民族团结进步。"),
    ("overseas-chinese", "港澳台侨", "加强与港澳台同胞和海外侨胞的联系，服务祖国统一大业。"),
    ("cultural-history", "文史资料", "征集、编研和出版地方文史资料，存史资政、团结育人。"),
    ("housing", "住房保障", "关注保障性住房建设、住房租赁市场和城镇棚户区改造。"),
    ("food-safety", "食品安全", "就食品生产经营监管、农产品质量安全开展民主监督。"),
    ("water-resources", "水利建设", "围绕水资源保护、农田水利和防汛抗旱能力建设开展协商。"),
    ("transport", "交通运输", "关注综合交通网络、农村公路和城市公共交通发展。"),
    ("talent", "人才工作", "围绕人才引进、培养、使用和服务保障提出意见建议。"),
    ("private-economy", "民营经济", "推动落实支持民营企业发展的政策，构建亲清政商关系。"),
]

# Subjects of plan items, by topic id (a topic not listed here falls back to its name).
SUBJECTS = {
    "study": ["政协委员理论学习制度建设", "学习型政协机关建设", "委员读书活动常态化"],
    "democratic-supervision": ["重大决策部署落实情况的民主监督", "特约监督员工作机制", "协商式监督实效"],
    "proposals": ["重点提案督办落实", "提案办理质量评价", "提案办理协商机制"],
    "public-opinion": ["社情民意信息工作网络建设", "社情民意信息转化运用", "基层群众诉求反映渠道"],
    "rural-revitalization": ["发展特色高效农业", "农村人居环境整治", "农村集体经济发展", "高标准农田建设"],
    "poverty-alleviation": ["产业扶贫项目带贫增收", "易地扶贫搬迁后续帮扶", "巩固拓展脱贫攻坚成果"],
    "business-environment": ["深化“放管服”改革", "政务服务“一网通办”", "涉企收费清理规范", "优化营商环境"],
    "industry": ["传统产业转型升级", "工业园区提质增效", "特色产业集群培育", "国有企业改革"],
    "ecology": ["大气污染防治", "流域水环境综合治理", "国土绿化和生态修复", "农村生活污水治理"],
    "education": ["普惠性学前教育发展", "义务教育优质均衡", "乡村教师队伍建设", "职业教育产教融合"],
    "health": ["分级诊疗和医联体建设", "基层医疗卫生服务能力", "公共卫生应急体系建设", "中医药传承发展"],
    "employment": ["高校毕业生就业创业", "返乡人员创业扶持", "职业技能培训"],
    "social-welfare": ["居家和社区养老服务", "城乡居民基本医疗保险", "困难群众救助保障", "残疾人服务体系"],
    "urban-development": ["老旧小区改造", "城市精细化管理", "城市供排水设施建设", "背街小巷环境整治"],
    "culture-tourism": ["文化遗产保护利用", "全域旅游发展", "公共文化服务体系建设", "文旅融合发展"],
    "social-governance": ["基层社会治理创新", "矛盾纠纷多元化解", "平安建设", "城乡社区治理"],
    "self-building": ["专门委员会工作制度建设", "委员履职考核", "机关作风建设"],
    "unity": ["界别群众联系工作", "各界人士团结联谊", "对外友好交流"],
    "digital-economy": ["数字经济发展", "智慧城市建设", "数字政府建设"],
    "technology": ["科技成果转化", "企业研发平台建设", "科技创新政策落实"],
    "rule-of-law": ["法治政府建设", "普法宣传教育", "公共法律服务体系建设"],
    "ethnic-religious": ["民族团结进步创建", "宗教活动场所规范管理"],
    "overseas-chinese": ["侨资企业发展环境", "海外联谊工作"],
    "cultural-history": ["文史资料征集编研", "地方历史文化研究"],
    "housing": ["保障性租赁住房建设", "城镇棚户区改造"],
    "food-safety": ["食品安全监管", "农产品质量安全追溯"],
    "water-resources": ["农田水利设施建设", "防汛抗旱能力建设", "饮用水水源地保护"],
    "transport": ["农村公路建设养护", "城市公共交通发展", "综合交通枢纽建设"],
    "talent": ["高层次人才引进", "基层人才队伍建设"],
    "private-economy": ["民营企业融资难融资贵", "中小企业纾困政策落实", "构建亲清政商关系"],
}

# How a plan item's title is phrased for each consultation form (unknown forms use the subject).
FORM_TITLES = {
    "plenary": "围绕{s}协商议政",
    "standing-committee": "{s}专题议政",
    "thematic": "{s}专题协商",
    "bimonthly-forum": "{s}",
    "counterpart": "{s}对口协商",
    "sector": "界别协商：{s}",
    "proposal": "{s}重点提案办理协商",
    "research": "{s}专题调研",
    "inspection": "视察{s}情况",
}

COMMITTEES = [
    "办公室",
    "经济委员会",
    "提案委员会",
    "农业和农村委员会",
    "文化文史和学习委员会",
    "社会和法制委员会",
    "人口资源环境委员会",
    "教科卫体委员会",
    "城建委员会",
    "民族宗教和港澳台侨委员会",
]
DEPARTMENTS = [
    "发展改革委",
    "财政局",
    "教育局",
    "卫生健康委",
    "生态环境局",
    "住房城乡建设局",
    "农业农村局",
    "文化广电旅游局",
    "人社局",
    "民政局",
    "科技局",
    "工业和信息化局",
    "商务局",
    "自然资源局",
    "水利局",
    "交通运输局",
    "市场监管局",
    "司法局",
    "公安局",
    "统计局",
    "医保局",
    "应急管理局",
    "乡村振兴局",
    "城市管理局",
]

# Syllables for invented place names: (character, pinyin).
SYLLABLES = [
    ("青", "qing"),
    ("川", "chuan"),
    ("河", "he"),
    ("阳", "yang"),
    ("安", "an"),
    ("平", "ping"),
    ("山", "shan"),
    ("江", "jiang"),
    ("宁", "ning"),
    ("丰", "feng"),
    ("临", "lin"),
    ("泉", "quan"),
    ("桥", "qiao"),
    ("溪", "xi"),
    ("东", "dong"),
    ("西", "xi"),
    ("南", "nan"),
    ("北", "bei"),
    ("兴", "xing"),
    ("华", "hua"),
    ("昌", "chang"),
    ("德", "de"),
    ("林", "lin"),
    ("城", "cheng"),
    ("长", "chang"),
    ("新", "xin"),
    ("永", "yong"),
    ("清", "qing"),
    ("岭", "ling"),
    ("云", "yun"),
    ("石", "shi"),
    ("源", "yuan"),
    ("明", "ming"),
    ("福", "fu"),
    ("汉", "han"),
    ("武", "wu"),
    ("洛", "luo"),
    ("嘉", "jia"),
    ("和", "he"),
    ("泰", "tai"),
    ("宝", "bao"),
    ("金", "jin"),
]
LEVELS = [("city", "市"), ("county", "县"), ("district", "区")]

ADVERBIALS = [
    "坚持围绕中心、服务大局，",
    "紧扣团结和民主两大主题，",
    "按照“先调研、后协商”的要求，",
    "立足本地发展实际，",
    "在党委的坚强领导下，",
    "认真贯彻上级政协的部署要求，",
    "坚持有事好商量、众人的事情由众人商量，",
    "主动适应新形势新任务，",
    "聚焦群众普遍关心的热点难点问题，",
    "坚持建言资政和凝聚共识双向发力，",
    "注重调查研究、深入基层一线，",
    "坚持协商于决策之前和决策实施之中，",
    "发挥专门协商机构的作用，",
]
ACTIONS = [
    "组织委员开展专题调研{n}次",
    "围绕{t}开展协商议政",
    "就{t}中的突出问题提出意见建议",
    "加强与党政部门的沟通衔接",
    "推动协商成果转化落实",
    "健全知情明政和情况通报机制",
    "完善提案办理协商和督办制度",
    "广泛收集社情民意信息{n}条",
    "深化与各民主党派、工商联和无党派人士的团结合作",
    "组织委员专题视察{n}次",
    "召开协商座谈会{n}次",
    "编报调研报告和协商专报{n}篇",
    "推进协商议政的制度化、规范化、程序化建设",
    "加强委员履职档案管理",
    "举办委员学习培训{n}期",
    "围绕{t}形成调研报告{n}篇",
    "邀请有关部门负责同志通报{t}工作情况",
    "组织界别委员就{t}开展界别协商",
    "把{t}列为年度重点协商议题",
]
RESULTS = [
    "为党委政府科学决策提供了参考",
    "取得了较好的社会效果",
    "得到有关部门的高度重视",
    "进一步凝聚了各方面的共识",
    "多项建议被吸收到相关政策文件中",
    "推动解决了一批群众关心的实际问题",
    "有力促进了经济社会发展",
    "展示了政协委员的良好形象",
    "增强了政协工作的针对性和实效性",
    "受到群众的普遍好评",
    "得到党委政府主要领导的批示肯定",
    "推动了相关工作的落实",
]
SUBJECT_ROLES = [
    "{org}",
    "{org}党组",
    "各专门委员会",
    "广大政协委员",
    "机关各部门",
    "各界别小组",
    "{org}办公室",
    "委员活动小组",
    "各参加单位",
]
PAIRS = [
    "围绕中心",
    "服务大局",
    "突出重点",
    "注重实效",
    "强化学习",
    "提升素质",
    "深化协商",
    "建言献策",
    "加强监督",
    "推动落实",
    "联系群众",
    "凝聚共识",
    "完善制度",
    "规范程序",
    "改进作风",
    "增强合力",
    "创新方式",
    "拓展渠道",
    "精心组织",
    "跟踪问效",
    "广泛参与",
    "求真务实",
    "守正创新",
    "协同配合",
]
PROBLEMS = [
    "协商议题的选题还不够精准",
    "调研的深度和广度有待拓展",
    "协商成果的跟踪问效机制还不健全",
    "部分委员履职的主动性还不够强",
    "界别作用发挥还不够充分",
    "提案质量有待进一步提高",
    "社情民意信息的时效性还不够强",
    "机关服务保障能力还需加强",
    "协商活动计划执行的刚性不足",
    "民主监督的方式方法需要创新",
    "专门委员会之间的协同配合有待加强",
]
FIGURES = [
    ("专题视察", "次"),
    ("专题调研", "次"),
    ("协商座谈会", "次"),
    ("委员学习培训", "期"),
    ("报送调研报告和协商专报", "篇"),
    ("社情民意信息获领导批示", "条"),
    ("委员参加履职活动", "人次"),
    ("编印文史资料", "册"),
    ("委员联系群众走访", "户"),
    ("界别协商活动", "次"),
]
RULE_NAMES = [
    "常务委员会工作规则",
    "专门委员会工作规则",
    "提案工作规则",
    "协商工作规则",
    "民主监督工作规则",
    "社情民意信息工作规则",
    "委员履职工作规则",
    "机关工作规则",
    "界别工作规则",
    "文史资料工作规则",
    "主席会议工作规则",
    "调研视察工作规则",
]
RULE_CHAPTERS = [
    "组织机构",
    "工作职责",
    "工作制度",
    "协商议政",
    "民主监督",
    "委员管理",
    "提案工作",
    "社情民意信息工作",
    "学习制度",
    "会议制度",
    "调研视察",
    "工作保障",
]
RULE_CLAUSES = [
    "{org}在{t}方面的职责是：组织委员开展调查研究，及时提出意见建议",
    "{org}应当密切联系委员，了解委员的工作和生活情况，反映委员的意见和要求",
    "专门委员会在主席会议领导下开展工作，每年年初制定工作要点，年终书面报告工作",
    "委员应当积极参加政协组织的各项活动，认真履行政治协商、民主监督、参政议政职能",
    "协商活动一般应当提前十五日确定议题，并将有关材料送达参加人员",
    "调研视察结束后，牵头单位应当在一个月内形成调研视察报告，按程序报送",
    "对协商中提出的意见建议，{org}办公室应当及时整理，形成协商专报报送党委政府",
    "{org}每半年向常务委员会通报一次工作情况，重大事项及时请示报告",
    "委员履职情况实行登记制度，作为评先评优和换届推荐的重要依据",
    "会议由主席或者主席委托的副主席召集并主持，应当有过半数的组成人员出席方能举行",
    "{org}围绕{t}确定年度协商议题，议题由主席会议研究提出，报党委同意后纳入年度协商计划",
    "委员因故不能参加会议或者活动的，应当事先向{org}办公室请假",
    "专门委员会可以根据工作需要邀请有关部门、专家学者和界别群众代表参加调研视察活动",
    "{org}应当为委员知情明政创造条件，定期向委员通报{t}等方面的重要情况",
    "提案经审查立案后，由{org}提案委员会交有关承办单位办理，承办单位应当在三个月内书面答复",
    "社情民意信息应当客观真实、简明扼要，一事一报，注重时效",
    "对不宜立案的提案，经提案委员会审查同意，可以转有关部门作为意见建议参考",
    "民主监督可以采取会议监督、视察监督、提案监督和专项监督等形式",
    "{org}机关工作人员应当严格遵守工作纪律，坚持廉洁自律，改进工作作风",
    "本规则所称委员，是指{org}委员会的委员",
    "常务委员会会议一般每季度举行一次，必要时可以临时召集",
    "协商活动结束后，{org}办公室应当在十五个工作日内将协商意见整理报送",
    "委员参加视察、调研等活动，应当遵守有关规定，不得以委员身份谋取私利",
    "各专门委员会应当加强同对口部门的联系，建立健全情况通报和工作会商制度",
]
NOTE_HEADINGS = [
    "学习是履职的基础",
    "在学习中提高能力",
    "把学习成果转化为履职成效",
    "联系实际深入思考",
    "深入基层了解民情",
    "立足岗位建言献策",
    "以学促干见实效",
]


def han(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 45 → 四十五 (1–99), as in 一、 / （一） / 第一条."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def q(value: str) -> str:
    """A YAML scalar: plain when that is safe, else a JSON (= YAML double-quoted) string."""
    if re.fullmatch(r"[^\s:#\"'\[\]{},&*!|>%@`\-?][^:#\"'\[\]{},]*", value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


# ---- text ---------------------------------------------------------------------------------------


class Text:
    """Sentences of official prose for one document, from the phrase vocabulary and its own RNG."""

    def __init__(self, rng: random.Random, org: str, topic_names: list[str]):
        self.rng, self.org, self.topics = rng, org, topic_names or ["政协工作"]

    def fill(self, template: str) -> str:
        return template.format(org=self.org, t=self.rng.choice(self.topics), n=self.rng.randint(2, 40))

    def sentence(self) -> str:
        r = self.rng
        subject = self.fill(r.choice(SUBJECT_ROLES))
        shape = r.randrange(4)
        if shape == 0:
            return f"{subject}{r.choice(ADVERBIALS)}{self.fill(r.choice(ACTIONS))}，{r.choice(RESULTS)}。"
        if shape == 1:
            a, b = r.sample(ACTIONS, 2)
            return f"{subject}{self.fill(a)}，{self.fill(b)}，{r.choice(RESULTS)}。"
        if shape == 2:
            return f"在{r.choice(self.topics)}方面，{subject}{self.fill(r.choice(ACTIONS))}，{r.choice(RESULTS)}。"
        return f"{r.choice(ADVERBIALS)}{subject}{self.fill(r.choice(ACTIONS))}，{r.choice(RESULTS)}。"

    def paragraph(self, chars: int) -> str:
        out = ""
        while len(out) < chars:
            out += self.sentence()
        return out

    def prose(self, chars: int, per_paragraph: int = 320) -> list[str]:
        """Paragraphs totalling about `chars` characters."""
        count = max(1, round(chars / per_paragraph))
        return [self.paragraph(chars // count) for _ in range(count)]

    def pair(self) -> str:
        a, b = self.rng.sample(PAIRS, 2)
        return f"{a}，{b}"

    def problems(self, chars: int) -> str:
        picks = self.rng.sample(PROBLEMS, min(len(PROBLEMS), max(3, chars // 60)))
        parts = [f"{han(i)}是{p}。" for i, p in enumerate(picks, 1)]
        return (
            "在肯定成绩的同时，我们也清醒地看到，工作中还存在一些不足。"
            + "".join(parts)
            + "对此，我们将在今后的工作中认真加以改进。"
        )


# ---- the corpus -----------------------------------------------------------------------------------


@dataclass
class BodyInfo:
    id: str
    name: str
    short: str
    level: str
    region: str
    parent: str | None
    prefix: str  # 市 / 县 / 区: for committee and department names


@dataclass
class Vocab:
    kinds: dict  # kind id -> entry (folder, types)
    sections: list  # entries of sections.yml
    forms: list  # form ids
    topics: list  # (id, name, description)
    bodies: list = field(default_factory=list)  # of BodyInfo

    def folder(self, kind: str) -> str:
        return self.kinds[kind].get("folder") or kind

    def required(self, kind: str, type_: str | None) -> list[dict]:
        """The sections of the type's first profile (data/kinds.yml names it, data/sections.yml holds it)."""
        types = self.kinds[kind].get("types") or []
        declared = next((t for t in types if t.get("id") == type_), types[0] if types else {})
        profiles = {e.get("id"): e for e in self.sections}
        exact = [profiles[p] for p in (declared.get("profiles") or []) if p in profiles][:1]
        fallback: list = []
        entry = (exact or fallback or [{}])[0]
        return list(entry.get("sections") or [])


def load_vocab(repo: Path) -> Vocab:
    """Kinds, sections, forms and topics as the repository defines them (topics extended)."""

    def read(name):
        return yaml.safe_load((repo / "data" / name).read_text(encoding="utf-8")) or []

    kinds = {e["id"]: e for e in read("kinds.yml")}
    topics = [(t["id"], t["name"], t.get("description") or t["name"]) for t in read("topics.yml")]
    known = {t[0] for t in topics}
    topics += [t for t in EXTRA_TOPICS if t[0] not in known]
    return Vocab(kinds=kinds, sections=read("sections.yml"), forms=[f["id"] for f in read("forms.yml")], topics=topics)


def make_bodies(count: int, seed: int) -> list[BodyInfo]:
    rng = random.Random(f"bodies:{seed}")
    bodies: list[BodyInfo] = []
    seen_ids, seen_names = set(), set()
    cities: list[BodyInfo] = []
    while len(bodies) < count:
        (c1, p1), (c2, p2) = rng.sample(SYLLABLES, 2)
        level, suffix = LEVELS[0] if len(bodies) % 4 == 0 else rng.choice(LEVELS)
        place, slug = c1 + c2, f"{p1}{p2}-{level}"
        if slug in seen_ids or place + suffix in seen_names:
            continue
        seen_ids.add(slug)
        seen_names.add(place + suffix)
        parent = rng.choice(cities) if cities and level != "city" else None
        region = f"{parent.region}{place}{suffix}" if parent else f"示例省{place}{suffix}"
        body = BodyInfo(
            slug,
            f"中国人民政治协商会议{place}{suffix}委员会",
            f"{place}{suffix}政协",
            level,
            region,
            parent.id if parent else None,
            suffix,
        )
        bodies.append(body)
        if level == "city":
            cities.append(body)
    return bodies


@dataclass
class Doc:
    id: str
    kind: str
    type: str
    body: BodyInfo
    year: int
    rng: random.Random
    title: str = ""
    date: str = ""
    period: str | None = None
    topics: list = field(default_factory=list)
    text: str = ""
    data: str | None = None  # YAML text of data/<folder>/<id>.yml
    items: list = field(default_factory=list)  # plans: the item dicts


class Generator:
    def __init__(self, vocab: Vocab, seed: int):
        self.vocab, self.seed = vocab, seed
        self.topic_name = {t[0]: t[1] for t in vocab.topics}
        self.rules_written: dict[str, int] = {}

    # -- shared pieces --

    def doc(self, doc_id, kind, type_, body, year) -> Doc:
        rng = random.Random(f"{self.seed}:{doc_id}")
        doc = Doc(doc_id, kind, type_, body, year, rng)
        doc.topics = rng.sample([t[0] for t in self.vocab.topics], rng.randint(2, 5))
        return doc

    def text(self, doc: Doc) -> Text:
        return Text(doc.rng, doc.body.short, [self.topic_name[t] for t in doc.topics])

    def headings(self, doc: Doc) -> list[str]:
        """Required section titles of the doc's kind/type, each its name or an alias, in order."""
        titles = []
        for spec in self.vocab.required(doc.kind, doc.type):
            names = [spec["name"], *list(spec.get("aliases") or [])]
            titles.append(names[0] if doc.rng.random() < 0.7 else doc.rng.choice(names))
        return titles

    def guidance(self, doc: Doc) -> str:
        y = doc.year
        if y < 2013:
            theory = "以邓小平理论、“三个代表”重要思想为指导，深入贯彻落实科学发展观"
        elif y < 2018:
            theory = "以邓小平理论、“三个代表”重要思想、科学发展观为指导，深入学习贯彻习近平总书记系列重要讲话精神"
        else:
            theory = (
                "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和历次全会精神"
                if y >= 2023
                else "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神"
            )
        return (
            f"{y}年，{doc.body.short}工作要{theory}，紧紧围绕党委、政府的中心任务和人民群众的期盼，"
            f"认真履行政治协商、民主监督、参政议政职能，为推动{doc.body.region.removeprefix('示例省')}经济社会发展献计出力。"
        )

    @staticmethod
    def section(number: int, title: str, style: str = "han") -> str:
        return f"## 第{han(number)}章　{title}" if style == "chapter" else f"## {han(number)}、{title}"

    def subsections(self, t: Text, chars: int, count: int) -> list[str]:
        out = []
        for i in range(1, count + 1):
            out += [f"### （{han(i)}）{t.pair()}", "", *[p + "\n" for p in t.prose(chars // count)]]
        return out

    def front_matter(self, doc: Doc) -> str:
        lines = [
            "---",
            f"title: {q(doc.title)}",
            f"kind: {doc.kind}",
            f"type: {doc.type}",
            f"body: {doc.body.id}",
            f"date: {doc.date}",
        ]
        if doc.period:
            lines.append(f'period: "{doc.period}"')
        lines += [f"topics: [{', '.join(doc.topics)}]", "sample: true", f"sample_note: {q(SAMPLE_NOTE)}", "---", ""]
        return "\n".join(lines)

    def finish(self, doc: Doc, body_lines: list[str]) -> Doc:
        text = "\n".join(body_lines)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        doc.text = self.front_matter(doc) + "\n" + text
        return doc

    def date(self, doc: Doc, year: int, months: tuple[int, int]) -> str:
        return f"{year}-{doc.rng.randint(*months):02d}-{doc.rng.randint(1, 28):02d}"

    # -- consultation plan --

    def consultation_plan(self, body: BodyInfo, year: int) -> Doc:
        doc = self.doc(f"{year}-{body.id}-consultation-plan", "plan", "consultation", body, year)
        r, t = doc.rng, self.text(doc)
        doc.title = f"{body.short}{year}年度协商计划"
        doc.date, doc.period = self.date(doc, year, (1, 3)), str(year)
        # items
        pool = [(tid, s) for tid in doc.topics for s in SUBJECTS.get(tid, [self.topic_name[tid] + "工作"])]
        other = [
            (tid, s)
            for tid, _, _ in self.vocab.topics
            if tid not in doc.topics
            for s in SUBJECTS.get(tid, [self.topic_name[tid] + "工作"])
        ]
        count = r.randint(8, 20)
        picks = r.sample(pool, min(len(pool), count)) if pool else []
        picks += r.sample(other, count - len(picks))
        months = sorted(r.randint(2, 11) for _ in range(count))
        items = []
        for i, ((tid, subject), month) in enumerate(zip(picks, months, strict=True), 1):
            form = r.choice(self.vocab.forms)
            item = {"id": f"p{i:02d}", "title": FORM_TITLES.get(form, "{s}").format(s=subject), "form": form}
            if r.random() < 0.85:
                item["month"] = month
                item["time"] = f"{month}月"
            else:
                item["quarter"] = (month - 1) // 3 + 1
                item["time"] = f"第{'一二三四'[item['quarter'] - 1]}季度"
            item["lead"] = f"{body.prefix}政协{r.choice(COMMITTEES)}"
            item["departments"] = [body.prefix + d for d in r.sample(DEPARTMENTS, r.randint(1, 4))]
            item["topics"] = [tid] + ([x] if (x := r.choice(doc.topics)) != tid and r.random() < 0.5 else [])
            if r.random() < 0.5:
                item["summary"] = f"围绕{subject}，{self.fill_result(r)}。"
            items.append(item)
        doc.items = items
        doc.data = self.plan_yaml(items)
        # text
        chars = r.randint(1300, 2400)
        lines: list[str] = []
        for n, title in enumerate(self.headings(doc), 1):
            lines += [self.section(n, title), ""]
            role = self.role(doc, title)
            if role == 0:
                lines += [self.guidance(doc), "", *[p + "\n" for p in t.prose(chars * 0.15)]]
            elif role == 2:
                lines += [
                    f"全年以{self.form_list(r)}等形式，安排重点协商活动{count}项，具体如下。"
                    f"各项活动的时间可视工作需要适当调整，调整情况由{body.short}办公室及时通报相关单位。",
                    "",
                    "{{ plan_items() }}",
                    "",
                    *[p + "\n" for p in t.prose(chars * 0.1)],
                ]
            else:
                lines += self.subsections(t, int(chars * 0.35), r.randint(2, 5))
        return self.finish(doc, lines)

    def role(self, doc: Doc, title: str) -> int:
        for index, spec in enumerate(self.vocab.required(doc.kind, doc.type)):
            if title == spec["name"] or title in (spec.get("aliases") or []):
                return index
        return -1

    def form_list(self, r: random.Random) -> str:
        names = {
            "plenary": "全体会议",
            "standing-committee": "专题议政性常委会议",
            "thematic": "专题协商会",
            "bimonthly-forum": "双月协商座谈会",
            "counterpart": "对口协商",
            "sector": "界别协商",
            "proposal": "提案办理协商",
            "research": "调研",
            "inspection": "视察",
        }
        picks = r.sample(self.vocab.forms, min(5, len(self.vocab.forms)))
        return "、".join(names.get(f, "专题协商") for f in picks)

    @staticmethod
    def fill_result(r: random.Random) -> str:
        return r.choice(
            [
                "深入调研、提出务实管用的建议",
                "推动有关政策落地见效",
                "听取各方面意见、凝聚共识",
                "与承办部门面对面协商",
                "开展监督性视察",
            ]
        )

    @staticmethod
    def plan_yaml(items: list[dict]) -> str:
        out = [
            "# yaml-language-server: $schema=../schemas/plan-data.schema.json",
            f"stated_count: {len(items)}",
            "items:",
        ]
        for item in items:
            out.append(f"  - id: {item['id']}")
            for key in ("title", "form", "time"):
                out.append(f"    {key}: {q(item[key])}")
            out.append("    roles:")
            out.append(f"      lead-unit: {q(item['lead'])}")
            out.append(f"      participants: [{', '.join(q(d) for d in item['departments'])}]")
            out.append(f"    topics: [{', '.join(item['topics'])}]")
            if "summary" in item:
                out.append(f"    summary: {q(item['summary'])}")
        return "\n".join(out) + "\n"

    # -- work plan --

    def work_plan(self, body: BodyInfo, year: int) -> Doc:
        doc = self.doc(f"{year}-{body.id}-work-plan", "plan", "work", body, year)
        r, t = doc.rng, self.text(doc)
        doc.title = f"{body.short}{year}年工作计划"
        doc.date, doc.period = self.date(doc, year, (1, 3)), str(year)
        chars = r.randint(1300, 2400)
        lines = []
        for n, title in enumerate(self.headings(doc), 1):
            lines += [self.section(n, title), ""]
            if n == 1:
                lines += [self.guidance(doc), "", *[p + "\n" for p in t.prose(chars * 0.15)]]
            else:
                lines += self.subsections(t, int(chars * 0.4), r.randint(2, 5))
        return self.finish(doc, lines)

    # -- summaries --

    def annual_summary(self, body: BodyInfo, year: int, plan: Doc | None) -> Doc:
        doc = self.doc(f"{year}-{body.id}-annual-summary", "summary", "annual", body, year)
        doc.title = f"{body.short}{year}年工作总结"
        doc.date, doc.period = self.date(doc, year + 1, (1, 2)), str(year)
        return self.summary(doc, plan)

    def half_year_summary(self, body: BodyInfo, year: int, half: int) -> Doc:
        doc = self.doc(f"{year}-{body.id}-h{half}-summary", "summary", "half-year", body, year)
        doc.title = f"{body.short}{year}年{'上' if half == 1 else '下'}半年工作总结"
        doc.date = self.date(doc, year, (7, 8)) if half == 1 else self.date(doc, year, (12, 12))
        doc.period = f"{year}-H{half}"
        return self.summary(doc, None)

    def summary(self, doc: Doc, plan: Doc | None) -> Doc:
        r, t = doc.rng, self.text(doc)
        received = r.randint(60, 900)
        filed = r.randint(received * 8 // 10, received)
        answered = filed if r.random() < 0.6 else r.randint(filed * 9 // 10, filed)
        proposals = {
            "received": received,
            "filed": filed,
            "answered": answered,
            "answer_rate": round(answered / filed * 100, 1),
            "solved_rate": round(r.uniform(60, 95), 1),
            "satisfaction_rate": round(r.uniform(85, 100), 1),
        }
        social = r.randint(20, 600)
        figures = [
            (label, r.randint(2, 60) * (20 if unit == "人次" else 1), unit)
            for label, unit in r.sample(FIGURES, r.randint(3, 6))
        ]
        reports = self.reports(doc, plan) if plan else []
        doc.data = self.summary_yaml(proposals, social, figures, reports)
        chars = r.randint(1850, 2800)
        lines = []
        for n, title in enumerate(self.headings(doc), 1):
            lines += [self.section(n, title), ""]
            role = self.role(doc, title)
            if role == 0:
                k = 1
                if plan is not None:
                    held = sum(1 for rep in reports if rep["status"] == "held")
                    link = f"../{self.vocab.folder('plan')}/{plan.id}.md"
                    held_ids = {rep["item"].split("#")[1] for rep in reports if rep["status"] == "held"}
                    example = r.choice([i for i in plan.items if i["id"] in held_ids] or plan.items)
                    lines += [
                        f"### （{han(k)}）年度协商计划落实情况",
                        "",
                        f"{doc.body.short}按照[{doc.year}年度协商计划]({link})有序推进各项协商活动。"
                        f"年度协商计划确定重点协商活动{len(plan.items)}项，全年实际开展{held}项，"
                        f"其中[{example['title']}]({link}#item-{example['id']})等活动取得了较好成效。"
                        "各项活动的落实情况见下表。",
                        "",
                        "{{ follow_through() }}",
                        "",
                        *[p + "\n" for p in t.prose(chars * 0.12)],
                    ]
                    k += 1
                lines += [
                    f"### （{han(k)}）提案和社情民意工作",
                    "",
                    f"{doc.body.short}共收到提案{received}件，经审查立案{filed}件，已答复{answered}件；"
                    f"全年编报社情民意信息{social}条。主要数据如下。",
                    "",
                    "{{ summary_figures() }}",
                    "",
                ]
                k += 1
                for i in range(k, k + r.randint(2, 3) + (plan is None)):
                    lines += [f"### （{han(i)}）{t.pair()}", "", *[p + "\n" for p in t.prose(chars * 0.16)]]
            elif role == 1:
                lines += [t.problems(int(chars * 0.1)), ""]
            else:
                lines += [*[p + "\n" for p in t.prose(chars * 0.15)]]
        return self.finish(doc, lines)

    def reports(self, doc: Doc, plan: Doc) -> list[dict]:
        r, year = doc.rng, plan.year
        reports, held_ids = [], []
        statuses = ["held"] * 17 + ["postponed", "cancelled", "merged"]
        for item in plan.items:
            status = r.choice(statuses)
            if status == "merged" and not held_ids:
                status = "held"
            month = item.get("month") or (item["quarter"] - 1) * 3 + r.randint(1, 3)
            report = {"item": f"{plan.id}#{item['id']}", "status": status}
            if status == "held":
                report["date"] = f"{year}-{month:02d}-{r.randint(1, 28):02d}"
                held_ids.append(item["id"])
            elif status == "postponed":
                report["date"] = f"{year + 1}-{r.randint(3, 6):02d}-{r.randint(1, 28):02d}"
                report["reason"] = "为与党委政府的专项部署相衔接，经主席会议研究调整到次年举行。"
            elif status == "cancelled":
                report["reason"] = "相关工作已由党委政府专项部署推进，经主席会议研究不再单独开展。"
            else:
                report["merged_into"] = f"{plan.id}#{r.choice(held_ids)}"
                report["reason"] = "调研对象和参加部门与另一项活动基本重合，经主席会议研究合并开展。"
            reports.append(report)
        return reports

    @staticmethod
    def summary_yaml(proposals: dict, social: int, figures: list, reports: list[dict]) -> str:
        out = ["# yaml-language-server: $schema=../schemas/summary-data.schema.json", "figures:"]
        for key, value in proposals.items():
            out += [
                f"  - measure: {MEASURES[key]}",
                f"    value: {value:g}" if isinstance(value, float) else f"    value: {value}",
            ]
        out += ["  - measure: opinions-submitted", f"    value: {social}", "    unit: 条"]
        for label, value, unit in figures:
            out += [f"  - label: {q(label)}", f"    value: {value}", f"    unit: {q(unit)}"]
        if reports:
            out.append("reports:")
            for rep in reports:
                out.append(f"  - item: {rep['item']}")
                out.append(f"    status: {rep['status']}")
                for key in ("date", "reason", "merged_into"):
                    if key in rep:
                        out.append(f"    {key}: {q(rep[key])}")
        return "\n".join(out) + "\n"

    # -- rules and notes --

    def rule(self, body: BodyInfo, year: int) -> Doc:
        doc = self.doc(f"{year}-{body.id}-rules", "rule", "rules", body, year)
        r, t = doc.rng, self.text(doc)
        # A body's k-th rule takes the k-th name of its own shuffled list, so titles never repeat.
        written = self.rules_written.get(body.id, 0)
        self.rules_written[body.id] = written + 1
        names = random.Random(f"{self.seed}:rules:{body.id}").sample(RULE_NAMES, len(RULE_NAMES))
        name = names[written % len(names)]
        doc.title = f"{body.short}{name}" + (f"（{year}年修订）" if written >= len(RULE_NAMES) else "")
        doc.date = self.date(doc, year, (1, 12))
        required = self.vocab.required("rule", "rules")
        first = [s["name"] for s in required if s.get("position") == "first"]
        last = [s["name"] for s in required if s.get("position") == "last"]
        middle = [s["name"] for s in required if s.get("position") not in ("first", "last")]
        extra = [c for c in r.sample(RULE_CHAPTERS, r.randint(2, 5)) if c not in first + last + middle]
        chapters = first + middle + extra + last
        style = r.choice(["chapter", "han"])
        target = r.randint(1600, 2800)
        per_chapter = max(2, round(target / 52 / len(chapters)))
        lines, article = [], 0
        for n, chapter in enumerate(chapters, 1):
            lines += [self.section(n, chapter, style), ""]
            count = 1 if chapter in last else per_chapter + r.randint(-1, 1)
            for _ in range(max(1, count)):
                article += 1
                if n == 1 and article == 1:
                    body_text = (
                        f"为了加强和规范{body.short}的{name.removesuffix('规则')}，充分发挥人民政协的作用，"
                        f"依据《中国人民政治协商会议章程》和有关规定，结合本地实际，制定本规则。"
                    )
                elif chapter in last:
                    body_text = f"本规则由{body.short}常务委员会负责解释，自印发之日起施行。"
                elif article > 3 and r.random() < 0.2:
                    ref = r.randint(1, article - 1)
                    body_text = f"依照本规则第{han(ref)}条的规定，{t.fill(r.choice(RULE_CLAUSES))}。"
                else:
                    body_text = "。".join(t.fill(c) for c in r.sample(RULE_CLAUSES, r.randint(1, 2))) + "。"
                lines += [f"第{han(article)}条　{body_text}", ""]
        return self.finish(doc, lines)

    def note(self, body: BodyInfo, year: int) -> Doc:
        doc = self.doc(f"{year}-{body.id}-study-note", "note", "study", body, year)
        r, t = doc.rng, self.text(doc)
        doc.title = f"{body.short}委员{year}年学习体会"
        doc.date = self.date(doc, year, (1, 12))
        chars = r.randint(1500, 2600)
        headings = list(self.headings(doc))  # notes have no required sections in the repository
        headings += r.sample(NOTE_HEADINGS, r.randint(2, 4))
        lines = []
        for n, title in enumerate(headings, 1):
            lines += [self.section(n, title), "", *[p + "\n" for p in t.prose(chars / len(headings))]]
        return self.finish(doc, lines)

    # -- bundles --

    def bundle(self, body: BodyInfo, year: int, complete: bool = False) -> list[Doc]:
        """What one body publishes in one year; `complete` = one of every kind and type."""
        r = random.Random(f"{self.seed}:bundle:{body.id}:{year}")
        plan = self.consultation_plan(body, year)
        docs = [plan, self.annual_summary(body, year, plan)]
        if r.random() < 0.5 or complete:
            docs.append(self.half_year_summary(body, year, 1))
        if r.random() < 0.15 or complete:
            docs.append(self.half_year_summary(body, year, 2))
        if r.random() < 0.3 or complete:
            docs.append(self.work_plan(body, year))
        if r.random() < 0.18 or complete:
            docs.append(self.rule(body, year))
        if r.random() < 0.2 or complete:
            docs.append(self.note(body, year))
        return docs


# ---- writing the site -----------------------------------------------------------------------------

COPY_DATA = (
    "kinds.yml",
    "sections.yml",
    "forms.yml",
    "roles.yml",
    "statuses.yml",
    "fields.yml",
    "problems.yml",
    "measures.yml",
)
# The summary's proposal figures as data/measures.yml names them.
MEASURES = {
    "received": "proposals-received",
    "filed": "proposals-filed",
    "answered": "proposals-answered",
    "answer_rate": "proposals-answer-rate",
    "solved_rate": "proposals-solved-rate",
    "satisfaction_rate": "proposals-satisfaction-rate",
}


def _ignore(_dir, names):
    return [n for n in names if n == "__pycache__" or n.endswith(".pyc")]


def copy_site_skeleton(dest: Path, repo: Path = REPO) -> None:
    """The repository's site minus its documents: config, hooks, templates, index pages, guide, vocabularies."""
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    for extra in ("pagefind.yml", "pagefind.toml", "pagefind.json"):
        if (repo / extra).is_file():
            shutil.copy2(repo / extra, dest / extra)
    for folder in ("hooks", "overrides", "docs/assets", "docs/guide"):
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, dest / folder, ignore=_ignore)
    shutil.copy2(repo / "docs/index.md", dest / "docs/index.md")
    for kind_folder in sorted(p for p in (repo / "docs").iterdir() if p.is_dir()):
        if (kind_folder / "index.md").is_file() and kind_folder.name not in ("guide", "assets"):
            (dest / "docs" / kind_folder.name).mkdir(parents=True, exist_ok=True)
            shutil.copy2(kind_folder / "index.md", dest / "docs" / kind_folder.name / "index.md")
    (dest / "data").mkdir(exist_ok=True)
    for name in COPY_DATA:
        shutil.copy2(repo / "data" / name, dest / "data" / name)
    if (repo / "data/schemas").is_dir():
        shutil.copytree(repo / "data/schemas", dest / "data/schemas")


def bodies_for(n: int) -> int:
    """Many bodies: about one per 40 documents (a body publishes ~3 documents a year), at least 6."""
    return max(6, round(n / 40))


def generate(dest: Path | str, n: int, seed: int = 1, repo: Path = REPO) -> dict:
    """Write a complete site with n documents into dest; returns counts by kind and type."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise SystemExit(f"{dest} is not empty")
    (dest / "docs").mkdir()
    copy_site_skeleton(dest, repo)
    vocab = load_vocab(repo)
    vocab.bodies = make_bodies(bodies_for(n), seed)

    topics = [
        "# yaml-language-server: $schema=schemas/topics.schema.json",
        "# Generated by tests/bench/gen_corpus.py: the repository's topics plus more.",
    ]
    for tid, name, description in vocab.topics:
        topics += [f"- id: {tid}", f"  name: {q(name)}", f"  description: {q(description)}"]
    (dest / "data/topics.yml").write_text("\n".join(topics) + "\n", encoding="utf-8")
    bodies = [
        "# yaml-language-server: $schema=schemas/bodies.schema.json",
        "# Generated by tests/bench/gen_corpus.py: invented 政协 bodies.",
    ]
    for b in vocab.bodies:
        bodies += [
            f"- id: {b.id}",
            f"  name: {q(b.name)}",
            f"  short: {q(b.short)}",
            f"  level: {b.level}",
            f"  region: {q(b.region)}",
            f"  parent: {b.parent or 'null'}",
        ]
    (dest / "data/bodies.yml").write_text("\n".join(bodies) + "\n", encoding="utf-8")

    slots = [(b, y) for b in vocab.bodies for y in range(FIRST_YEAR, LAST_YEAR + 1)]
    random.Random(f"{seed}:slots").shuffle(slots)
    gen = Generator(vocab, seed)
    counts: dict[str, int] = {}
    written = 0
    for index, (body, year) in enumerate(slots):
        for doc in gen.bundle(body, year, complete=index == 0):  # the first bundle has every type
            if written == n:
                break
            folder = vocab.folder(doc.kind)
            (dest / "docs" / folder).mkdir(parents=True, exist_ok=True)
            (dest / "docs" / folder / f"{doc.id}.md").write_text(doc.text, encoding="utf-8")
            if doc.data is not None:
                (dest / "data" / folder).mkdir(parents=True, exist_ok=True)
                (dest / "data" / folder / f"{doc.id}.yml").write_text(doc.data, encoding="utf-8")
            key = f"{doc.kind}/{doc.type}"
            counts[key] = counts.get(key, 0) + 1
            written += 1
        if written == n:
            break
    if written < n:
        raise SystemExit(f"only {written} documents fit {len(vocab.bodies)} bodies × years; raise bodies_for()")
    return {"documents": written, "bodies": len(vocab.bodies), "topics": len(vocab.topics), "by_type": counts}


# ---- the plain-Material baseline ------------------------------------------------------------------

MACRO_LINE = re.compile(r"^[ \t]*\{\{.*\}\}[ \t]*\n?", re.M)
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def write_baseline(root: Path | str) -> Path:
    """docs-baseline/ + mkdocs-baseline.yml: the same pages for plain Material (no hooks, macros, overrides)."""
    root = Path(root)
    src, dst = root / "docs", root / "docs-baseline"
    for path in sorted(src.rglob("*")):
        target = dst / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = MACRO_LINE.sub("", path.read_text(encoding="utf-8"))
            text = re.sub(r"^template:.*\n", "", text, count=1, flags=re.M)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copy2(path, target)
    # Rewrite mkdocs.yml by top-level blocks (it holds a !!python tag, so it is not round-tripped).
    blocks: list[list[str]] = []
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if TOP_KEY.match(line) or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    out = [
        "# Baseline for tests/bench: plain Material, same theme/markdown_extensions/nav; no hooks, plugins or overrides."
    ]
    for block in blocks:
        key = TOP_KEY.match(block[0]).group(1) if TOP_KEY.match(block[0]) else None
        if key in ("hooks", "plugins"):
            continue
        if key == "docs_dir":
            block = ["docs_dir: docs-baseline"]
        if key == "theme":
            block = [line for line in block if not line.strip().startswith("custom_dir:")]
        out += block
    out += ["plugins: []", ""]
    if not any(b and b[0].startswith("docs_dir:") for b in blocks):
        out.insert(1, "docs_dir: docs-baseline")
    (root / "mkdocs-baseline.yml").write_text("\n".join(out), encoding="utf-8")
    return root / "mkdocs-baseline.yml"


# ---- what a Material user would set up ------------------------------------------------------------

TOPICS_LINE = re.compile(r"^topics:\s*\[(.*)\]\s*$", re.M)


def write_material_user(root: Path | str) -> Path:
    """docs-material-user/ + mkdocs-material-user.yml: the baseline's pages set up the way a Material
    user would publish them without our hooks — the built-in search plugin (lunr index, Chinese
    segmented by jieba), the tags plugin with each document's topics as tags and a tags page, and
    every document listed in the nav by section and year with `navigation.prune` so each page renders
    only its own branch. Needs write_baseline(root) first (it reads the baseline's pages and config)."""
    root = Path(root)
    src, dst = root / "docs-baseline", root / "docs-material-user"
    topic_names = {t["id"]: t["name"] for t in yaml.safe_load((root / "data/topics.yml").read_text(encoding="utf-8"))}
    by_section: dict[str, dict[str, list[str]]] = {}
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_bytes()
        if path.suffix == ".md" and path.name != "index.md" and len(rel.parts) == 2 and rel.parts[0] != "guide":
            text = _tagged(text.decode("utf-8"), topic_names).encode("utf-8")
            year = path.name[:4] if path.name[:4].isdigit() else "其他"
            by_section.setdefault(rel.parts[0], {}).setdefault(year, []).append(rel.as_posix())
        target.write_bytes(text)
    (dst / "tags.md").write_text("# 标签\n\n<!-- material/tags -->\n", encoding="utf-8")

    out = [
        "# What a Material user would set up for tests/bench: built-in search with jieba, tags, documents in the nav."
    ]
    for block in _blocks(root / "mkdocs-baseline.yml"):
        key = TOP_KEY.match(block[0]).group(1) if TOP_KEY.match(block[0]) else None
        if key == "docs_dir":
            block = ["docs_dir: docs-material-user"]
        elif key == "plugins":
            # With jieba installed the search plugin segments Chinese with U+200B, which the separator
            # of Material's zh translation (theme.language: zh) already splits on.
            block = ["plugins:", "  - search", "  - tags"]
        elif key == "theme":
            at = next(i for i, line in enumerate(block) if line.strip() == "features:")
            block = [*block[: at + 1], "    - navigation.prune", *block[at + 1 :]]
        elif key == "nav":
            block = _nav_with_documents(block, by_section)
        out += block
    (root / "mkdocs-material-user.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return root / "mkdocs-material-user.yml"


def _blocks(config: Path) -> list[list[str]]:
    """A config file cut into top-level blocks (it holds a !!python tag, so it is not round-tripped)."""
    blocks: list[list[str]] = []
    for line in config.read_text(encoding="utf-8").splitlines():
        if TOP_KEY.match(line) or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _tagged(text: str, topic_names: dict) -> str:
    """The page with `tags:` (its topics' names) added to its front matter."""
    found = TOPICS_LINE.search(text.split("\n---", 1)[0])
    if not found:
        return text
    names = [topic_names.get(t.strip(), t.strip()) for t in found.group(1).split(",") if t.strip()]
    return text.replace("\n---", f"\ntags: [{', '.join(q(n) for n in names)}]\n---", 1)


def _nav_with_documents(block: list[str], by_section: dict) -> list[str]:
    """The nav with each section's documents under it, newest year first, and a tags page."""
    out = []
    for line in block:
        found = re.match(r"^  - (\S+): ([a-z-]+)/index\.md$", line)
        if not found or found.group(2) not in by_section:
            out.append(line)
            continue
        out += [f"  - {found.group(1)}:", f"      - {found.group(2)}/index.md"]
        for year, paths in sorted(by_section[found.group(2)].items(), reverse=True):
            out.append(f"      - '{year}':")
            out += [f"          - {path}" for path in paths]
    return [*out, "  - 标签: tags.md"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline", action="store_true", help="also write the plain-Material baseline and the Material user's set-up"
    )
    args = parser.parse_args(argv)
    info = generate(args.dest, args.n, args.seed)
    if args.baseline:
        write_baseline(args.dest)
        write_material_user(args.dest)
    print(json.dumps(info, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    sys.exit(main())
