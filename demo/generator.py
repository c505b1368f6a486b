"""Generated, realistic pipeline data, written in bulk so that 100,000 projects are practical.

Every generated project carries what the gates of the stages it reached ask for (a presentation,
an evaluation, a signing, milestones) and a stage log, so the data tells the truth a real park's
would. The stage guard is lifted only inside `stage_writes_allowed()`, as for the stage service;
a test checks every generated project against the gates.
"""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from companies.choices import CompanyKind, Ownership, Sector
from companies.credit_code import with_check_character
from companies.models import Company, Contact
from companies.names import normalize_company_name
from projects.choices import (
    EvaluationStatus,
    EventKind,
    FollowUpState,
    InteractionKind,
    MilestoneKind,
    PolicyNeed,
    ProjectType,
    Recommendation,
    SigningCounts,
    Source,
    SpaceType,
    Stage,
    Status,
)
from projects.models import (
    FollowUp,
    Interaction,
    InvestmentProject,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
    StageChange,
    StatusChange,
)
from projects.models.guard import stage_writes_allowed
from projects.services import reserve_project_codes
from projects.services.records import refresh_next_follow_up
from projects.services.stages import refresh_reach
from projects.stages import DEFAULT_LIKELIHOOD

# Mixed-radix name parts: 40 × 40 × 13 × 10 = 208,000 distinct company names.
SYLLABLES = [
    ("华", "Hua"), ("康", "Kang"), ("瑞", "Rui"), ("博", "Bo"), ("泽", "Ze"), ("恒", "Heng"), ("信", "Xin"),
    ("达", "Da"), ("安", "An"), ("和", "He"), ("嘉", "Jia"), ("润", "Run"), ("德", "De"), ("源", "Yuan"),
    ("睿", "Rui"), ("宁", "Ning"), ("昊", "Hao"), ("远", "Yuan"), ("新", "Xin"), ("天", "Tian"), ("明", "Ming"),
    ("晟", "Sheng"), ("卓", "Zhuo"), ("科", "Ke"), ("启", "Qi"), ("正", "Zheng"), ("东", "Dong"), ("海", "Hai"),
    ("瀚", "Han"), ("辰", "Chen"), ("尚", "Shang"), ("弘", "Hong"), ("益", "Yi"), ("铂", "Bo"), ("诺", "Nuo"),
    ("赛", "Sai"), ("凯", "Kai"), ("普", "Pu"), ("百", "Bai"), ("奥", "Ao"),
]  # fmt: skip
SECOND = [
    ("元", "yuan"), ("方", "fang"), ("基", "ji"), ("联", "lian"), ("生", "sheng"), ("景", "jing"), ("峰", "feng"),
    ("励", "li"), ("医", "yi"), ("迈", "mai"), ("曜", "yao"), ("森", "sen"), ("越", "yue"), ("悦", "yue"),
    ("泰", "tai"), ("维", "wei"), ("鸿", "hong"), ("驰", "chi"), ("朗", "lang"), ("因", "yin"), ("汇", "hui"),
    ("川", "chuan"), ("合", "he"), ("华", "hua"), ("光", "guang"), ("星", "xing"), ("云", "yun"), ("麟", "lin"),
    ("坤", "kun"), ("宇", "yu"), ("盛", "sheng"), ("鼎", "ding"), ("嘉", "jia"), ("济", "ji"), ("诚", "cheng"),
    ("研", "yan"), ("和", "he"), ("正", "zheng"), ("昕", "xin"), ("成", "cheng"),
]  # fmt: skip
SECTOR_WORDS = {
    Sector.CELL_GENE_THERAPY: ("细胞治疗", "Cell Therapeutics"),
    Sector.BIOLOGICS: ("生物制药", "Biologics"),
    Sector.INNOVATIVE_DRUGS: ("医药科技", "Pharmaceutical"),
    Sector.VACCINES: ("疫苗", "Vaccines"),
    Sector.MEDICAL_DEVICES: ("医疗器械", "Medical Devices"),
    Sector.IVD: ("诊断技术", "Diagnostics"),
    Sector.CRO_CDMO: ("医药研发服务", "Pharma Services"),
    Sector.AI_DIGITAL_HEALTH: ("智能医疗", "AI Health"),
    Sector.BRAIN_COMPUTER: ("脑机科技", "Neurotech"),
    Sector.ORGANOIDS: ("类器官", "Organoids"),
    Sector.MEDICAL_SERVICES: ("医疗服务", "Medical Services"),
    Sector.TRADE_LOGISTICS: ("医药供应链", "Pharma Supply Chain"),
    Sector.OTHER: ("生命科学", "Life Sciences"),
}
SECTORS = list(SECTOR_WORDS)
CITIES = [
    ("上海", "Shanghai", "China"), ("苏州", "Suzhou", "China"), ("杭州", "Hangzhou", "China"),
    ("北京", "Beijing", "China"), ("深圳", "Shenzhen", "China"), ("武汉", "Wuhan", "China"),
    ("香港", "Hong Kong", "China"), ("波士顿", "Boston", "United States"), ("慕尼黑", "Munich", "Germany"),
    ("新加坡", "Singapore", "Singapore"),
]  # fmt: skip
TITLES = {
    ProjectType.RD_CENTRE: ("研发中心", "R&D centre"),
    ProjectType.HEADQUARTERS: ("区域总部", "Regional headquarters"),
    ProjectType.PRODUCTION: ("生产基地", "Production base"),
    ProjectType.SALES: ("销售中心", "Sales centre"),
    ProjectType.CDMO_CRO: ("CDMO/CRO平台", "CDMO / CRO facility"),
    ProjectType.CLINICAL: ("临床研究中心", "Clinical research centre"),
    ProjectType.TRADING: ("保税贸易中心", "Bonded trading centre"),
}
# Share of generated projects at each stage (a funnel), and of statuses.
STAGE_WEIGHTS = [30, 18, 15, 12, 12, 8, 5]
STATUS_WEIGHTS = {Status.ACTIVE: 80, Status.ON_HOLD: 8, Status.LOST: 8, Status.WITHDRAWN: 4}
EVENT_NAMES = [
    "BioBAY Innovation Roadshow", "Waigaoqiao Biomedicine Investment Salon", "Cell and Gene Therapy Forum",
    "Medical Device Localization Roadshow", "AI for Health Demo Day", "Hong Kong–Shanghai Biotech Roadshow",
    "Boston Life Sciences China Roadshow", "Munich MedTech Partnering Day", "Singapore Biotech Bridge",
    "Zhangjiang Venture Night",
]  # fmt: skip
# Staff write in their own language: (Chinese, English).
SUMMARIES = [
    ("讨论了实验室面积需求和GMP厂房时间表。", "Discussed lab space needs and GMP plant timeline."),
    ("介绍了设备保税进口流程。", "Walked through the bonded equipment import process."),
    ("电话沟通首个产品的注册指导。", "Call about registration guidance for the first product."),
    ("已发送政策支持材料，对方董事会后答复。", "Sent the policy support package; reply after their board meets."),
    ("会见创始团队，请对方提供融资计划。", "Met the founding team; asked for the financing plan."),
    ("微信确认了实地考察日期。", "WeChat: they confirmed the site visit date."),
    ("与对方COO过了一遍租赁条款草案。", "Reviewed draft lease terms with their COO."),
]
FOLLOW_UPS = [
    ("发送租赁条款", "Send the lease terms"),
    ("邀请团队来园区实地考察", "Invite the team for an on-site evaluation"),
    ("整理政策支持清单", "Prepare the policy support summary"),
    ("确认企业注册时间表", "Confirm the registration timeline"),
    ("催办已签署的合作备忘录", "Chase the signed MoU"),
    ("引荐保税物流合作方", "Introduce the bonded logistics partner"),
]
REPORTS = ("参观了实验室和保税仓库，团队可信。", "Visited the lab and the bonded warehouse; the team is credible.")
STATUS_REASONS = {
    Status.ON_HOLD: ("等待对方下一轮融资。", "Waiting for their next financing round."),
    Status.LOST: ("企业选择了其他地区。", "Chose another location."),
    Status.WITHDRAWN: ("企业取消了该项目。", "Project cancelled by the company."),
}


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _company_name(index: int) -> tuple[str, str, Sector, tuple]:
    a, rest = index % 40, index // 40
    b, rest = rest % 40, rest // 40
    s, rest = rest % 13, rest // 13
    c = rest % 10
    sector = SECTORS[s]
    city = CITIES[c]
    word_zh, word_en = SECTOR_WORDS[sector]
    zh = f"{city[0]}{SYLLABLES[a][0]}{SECOND[b][0]}{word_zh}有限公司"
    en = f"{city[1]} {SYLLABLES[a][1]}{SECOND[b][1]} {word_en} Co., Ltd."
    return zh, en, sector, city


class _Batch:
    """Rows of one batch of generated projects, inserted table by table."""

    def __init__(self):
        self.rows = defaultdict(list)

    def add(self, row):
        self.rows[type(row)].append(row)


def generate(*, start: int, count: int, users: list, events: list, ceremonies: list, batch_size: int = 2000) -> int:
    """Generate projects number `start` to `start + count - 1` (deterministic by number)."""
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        _generate_batch(start + done, size, users, events, ceremonies)
        done += size
    return done


@transaction.atomic
def _generate_batch(start: int, size: int, users: list, events: list, ceremonies: list) -> None:
    today = timezone.localdate()
    plans = [_plan(start + offset, today, users, events, ceremonies) for offset in range(size)]

    companies = Company.objects.bulk_create([plan["company"] for plan in plans], batch_size=1000)
    for plan, company in zip(plans, companies, strict=True):
        plan["project"].company = company
        plan["contact"].company = company
    Contact.objects.bulk_create([plan["contact"] for plan in plans], batch_size=1000)

    by_year = defaultdict(list)
    for plan in plans:
        by_year[plan["created"].year].append(plan["project"])
    for year, projects in by_year.items():
        for project, code in zip(projects, reserve_project_codes(year=year, count=len(projects)), strict=True):
            project.code = code
    with stage_writes_allowed():
        projects = InvestmentProject.objects.bulk_create([plan["project"] for plan in plans], batch_size=1000)

    batch = _Batch()
    evaluator_links = []
    for plan, project in zip(plans, projects, strict=True):
        for row in plan["children"]:
            row.project_id = project.pk
            if isinstance(row, Interaction):
                row.company_id = project.company_id
            batch.add(row)
    for model in (Presentation, Signing, Milestone, Interaction, FollowUp, StageChange, StatusChange):
        model.objects.bulk_create(batch.rows[model], batch_size=2000)
    evaluations = OnSiteEvaluation.objects.bulk_create(batch.rows[OnSiteEvaluation], batch_size=2000)
    through = OnSiteEvaluation.evaluators.through
    for evaluation in evaluations:
        evaluator_links.append(through(onsiteevaluation_id=evaluation.pk, user_id=evaluation._evaluator_id))
    through.objects.bulk_create(evaluator_links, batch_size=2000)
    refresh_next_follow_up([project.pk for project in projects])
    refresh_reach([project.pk for project in projects])
    # created_at is auto_now_add: set the planned dates afterwards, in one statement per year-day bucket.
    _backdate([(project.pk, plan["created"]) for plan, project in zip(plans, projects, strict=True)])


def _backdate(pairs: list[tuple[int, date]]) -> None:
    by_day = defaultdict(list)
    for pk, day in pairs:
        by_day[day].append(pk)
    for day, pks in by_day.items():
        InvestmentProject.objects.filter(pk__in=pks).update(created_at=_at(day, 9))


def _plan(index: int, today: date, users: list, events: list, ceremonies: list) -> dict:
    rng = random.Random(index * 7919 + 17)
    zh, en, sector, city = _company_name(index)
    ownership = Ownership.DOMESTIC if city[2] == "China" else rng.choice([Ownership.FOREIGN, Ownership.JOINT_VENTURE])
    if city[1] == "Hong Kong":
        ownership = Ownership.HMT
    company = Company(
        name_zh=zh,
        name_en=en,
        normalized_name=normalize_company_name(zh),
        normalized_name_en=normalize_company_name(en),
        credit_code=with_check_character(f"91{rng.randint(100000, 659999):06d}MA{index:07d}") if city[2] == "China"
        else None,
        kind=CompanyKind.ENTERPRISE,
        sector=sector,
        ownership=ownership,
        country=city[2],
        city=city[1],
        is_park_tenant=rng.random() < 0.15,
    )  # fmt: skip
    contact = Contact(
        name=f"{rng.choice(['王', '李', '张', '刘', '陈'])}{rng.choice(['总', '博士', '经理'])}",
        title=rng.choice(["CEO", "COO", "CFO", "Head of BD"]),
        phone=f"139{rng.randint(0, 99999999):08d}",
    )

    stage = rng.choices(list(Stage), weights=STAGE_WEIGHTS)[0]
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    if stage == Stage.OPERATING:
        status = Status.ACTIVE
    project_type = rng.choice(list(ProjectType))
    source = Source.TENANT_EXPANSION if company.is_park_tenant else rng.choice(
        [Source.EVENT, Source.EVENT, Source.REFERRAL, Source.PARTNER, Source.INBOUND])  # fmt: skip
    owner = rng.choice(users)
    amount = Decimal(rng.choice([500, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 50000, 100000])) * 10000
    stages = [s for s in Stage if Stage(s).order <= Stage(stage).order]
    if source != Source.EVENT:
        stages = [s for s in stages if s != Stage.ROADSHOW] or [Stage.LEAD]
    if stage == Stage.ROADSHOW and source != Source.EVENT:
        source = Source.EVENT
        stages = [Stage.LEAD, Stage.ROADSHOW]
    # Each stage entered some weeks after the one before, ending no later than today.
    gaps = [rng.randint(14, 120) for _ in stages[1:]]
    created = today - timedelta(days=sum(gaps) + rng.randint(3, 200))
    entered = {Stage.LEAD: created}
    day = created
    for next_stage, gap in zip(stages[1:], gaps, strict=True):
        day += timedelta(days=gap)
        entered[next_stage] = day
    event = rng.choice(events) if source == Source.EVENT else None
    # Chinese companies' projects are named in Chinese, foreign ones' in English, as staff write them.
    title = TITLES[project_type][0] if city[2] == "China" else TITLES[project_type][1]
    project = InvestmentProject(
        title=title,
        sector=sector,
        project_type=project_type,
        planned_investment=amount,
        registered_capital=(amount / 5).quantize(Decimal(1)),
        expected_jobs=rng.randint(10, 600),
        space_needed_m2=Decimal(rng.choice([500, 1000, 2000, 5000, 12000])),
        space_types=rng.sample([s.value for s in SpaceType], k=rng.randint(1, 2)),
        policy_needs=rng.sample([p.value for p in PolicyNeed], k=rng.randint(0, 2)),
        source=source,
        source_event=event,
        owner=owner,
        stage=stage,
        stage_entered_at=_at(entered[stages[-1]]),
        status=status,
        likelihood=DEFAULT_LIKELIHOOD[stage],
        expected_signing_date=today + timedelta(days=rng.randint(30, 400)) if Stage(stage).order < 4 else None,
        last_activity_at=_at(entered[stages[-1]]),
    )
    in_language = 0 if owner.language == "zh-hans" else 1
    children = []
    previous, previous_at = "", None
    for entered_stage in stages:
        changed_at = _at(entered[entered_stage], 11)
        children.append(StageChange(from_stage=previous, to_stage=entered_stage, changed_by=owner,
                                    changed_at=changed_at, stay_began_at=previous_at))  # fmt: skip
        previous, previous_at = entered_stage, changed_at
    order = Stage(stage).order
    if Stage.ROADSHOW in stages:
        children.append(Presentation(event=event, pitch_summary=f"{title}: {en}",
                                     rating=rng.randint(2, 5), interested=rng.random() < 0.6))  # fmt: skip
    if order >= Stage.EVALUATION.order:
        done = order >= Stage.NEGOTIATION.order or rng.random() < 0.4
        when = entered.get(Stage.EVALUATION, created) + timedelta(days=rng.randint(3, 10))
        evaluation = OnSiteEvaluation(
            scheduled_at=_at(min(when, today + timedelta(days=20)), 14),
            status=EvaluationStatus.DONE if done and when <= today else EvaluationStatus.SCHEDULED,
        )
        if evaluation.status == EvaluationStatus.DONE:
            for field in ("score_technology", "score_team", "score_market", "score_cluster_fit", "score_regulatory"):
                setattr(evaluation, field, rng.randint(3, 5) if order >= 3 else rng.randint(1, 5))
            evaluation.recommendation = Recommendation.PROCEED if order >= Stage.NEGOTIATION.order else rng.choice(
                [Recommendation.PROCEED, Recommendation.REVISIT, Recommendation.DECLINE])  # fmt: skip
            evaluation.report = REPORTS[in_language]
        evaluation._evaluator_id = owner.pk
        children.append(evaluation)
    if order >= Stage.SIGNED.order:
        signed_on = entered[Stage.SIGNED]
        children.append(Signing(signed_on=signed_on, committed_amount=amount, counted_amount=amount,
                                counts_as=SigningCounts.NEW,
                                ceremony=rng.choice(ceremonies) if rng.random() < 0.3 else None))  # fmt: skip
        registered_plan = signed_on + timedelta(days=90)
        children.append(Milestone(kind=MilestoneKind.REGISTERED, planned_date=registered_plan,
                                  actual_date=entered.get(Stage.LANDED)))  # fmt: skip
        children.append(Milestone(kind=MilestoneKind.FACILITY_DELIVERED, planned_date=signed_on + timedelta(days=240),
                                  actual_date=None))  # fmt: skip
    if order >= Stage.OPERATING.order:
        children.append(Milestone(kind=MilestoneKind.OPERATIONS_STARTED, planned_date=entered[Stage.OPERATING],
                                  actual_date=entered[Stage.OPERATING]))  # fmt: skip
    latest = entered[stages[-1]]
    for _ in range(rng.randint(1, 4)):
        when = created + timedelta(days=rng.randint(0, max((today - created).days, 0)))
        latest = max(latest, when)
        children.append(Interaction(kind=rng.choice(list(InteractionKind)), occurred_at=_at(when, 15), staff=owner,
                                    summary=rng.choice(SUMMARIES)[in_language]))  # fmt: skip
    project.last_activity_at = _at(latest, 15)
    if status == Status.ACTIVE:
        for _ in range(rng.randint(1, 2)):
            due = today + timedelta(days=rng.randint(-10, 21))
            state = FollowUpState.DONE if due < today and rng.random() < 0.5 else FollowUpState.OPEN
            completed_at = _at(due) if state == FollowUpState.DONE else None
            children.append(FollowUp(title=rng.choice(FOLLOW_UPS)[in_language], assignee=owner, created_by=owner,
                                     due_on=due, state=state, completed_at=completed_at))  # fmt: skip
    else:
        reason = STATUS_REASONS[status][in_language]
        project.status_reason = reason
        project.status_changed_at = _at(today - timedelta(days=rng.randint(1, 60)))
        if status == Status.ON_HOLD:
            project.revisit_on = today + timedelta(days=rng.randint(20, 120))
        if status == Status.LOST:
            project.lost_to = rng.choice(["Suzhou BioBAY", "Hangzhou Medical Town", "Shenzhen Pingshan", ""])
        children.append(StatusChange(from_status=Status.ACTIVE, to_status=status, changed_by=owner,
                                     changed_at=project.status_changed_at, reason=reason))  # fmt: skip
    return {"company": company, "contact": contact, "project": project, "children": children, "created": created}


def ensure_generated_events(today: date) -> tuple[list, list]:
    """A few years of roadshows and ceremonies for generated projects to come from."""
    events = []
    for index, name in enumerate(EVENT_NAMES):
        for year_back in range(3):
            day = date(today.year - year_back, 1 + (index * 3 + year_back) % 12, 5 + index)
            if day > today:
                continue
            events.append(
                RoadshowEvent.objects.get_or_create(
                    name=name,
                    date=day,
                    defaults={"kind": EventKind.ROADSHOW, "organizer": "Waigaoqiao Group", "city": "Shanghai"},
                )[0]
            )
    ceremonies = [
        SigningCeremony.objects.get_or_create(
            name="Waigaoqiao biomedicine projects signing", date=date(year, 6, 18), defaults={"venue": "Waigaoqiao"}
        )[0]
        for year in range(today.year - 2, today.year + 1)
        if date(year, 6, 18) <= today
    ]
    return events, ceremonies
