"""The real events of ../shared/seeds/, entered through the services like staff would.

Chinese names are given only where they are well known; the articles name the others in English.
Amounts the articles do not give are marked as estimates in the project description.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from companies.choices import CompanyKind, Ownership, Sector
from companies.models import Company
from companies.selectors import company_match
from companies.services import company_create
from projects import services
from projects.choices import (
    EvaluationStatus,
    EventKind,
    MilestoneKind,
    PolicyNeed,
    ProjectType,
    Recommendation,
    SigningCounts,
    Source,
    SpaceType,
    Stage,
)
from projects.models import (
    InvestmentProject,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
    StageChange,
)

YI = Decimal(10) ** 8
WAN = Decimal(10) ** 4

TONGJI_FORUM = ("Tongji Healthcare Entrepreneurship and Development Forum", date(2025, 7, 17))
ZHANGJIANG_SUMMIT = ("Zhangjiang Life Science International Innovation Summit", date(2021, 10, 12))
BIOPHARMA_WEEK = ("International Biopharma Industry Week Shanghai", date(2024, 11, 16))
PLATFORM_CEREMONY = (
    "Medical industry and medical care integration service platform: launch and project signing",
    date(2024, 3, 26),
)
ZHANGJIANG_CEREMONY = ("Zhangjiang summit project launch", date(2021, 10, 12))

EVENTS = [
    (TONGJI_FORUM, EventKind.FORUM, "Tongji University", "Shanghai"),
    (ZHANGJIANG_SUMMIT, EventKind.SUMMIT, "Zhangjiang Group", "Shanghai"),
    (BIOPHARMA_WEEK, EventKind.EXHIBITION, "Shanghai Municipal Government", "Shanghai"),
]
CEREMONIES = [
    (PLATFORM_CEREMONY, "Waigaoqiao Group, Shanghai Medical Association", "Waigaoqiao Bonded Area"),
    (ZHANGJIANG_CEREMONY, "Zhangjiang Group", "Zhangjiang Science City"),
]

# (key, Chinese name, English name, kind, sector, ownership, country, tenant)
COMPANIES = [
    ("beigene", "百济神州", "BeiGene", CompanyKind.ENTERPRISE, Sector.INNOVATIVE_DRUGS, Ownership.DOMESTIC, "China", True),
    ("iaso", "驯鹿生物", "IASO Biotherapeutics", CompanyKind.ENTERPRISE, Sector.CELL_GENE_THERAPY, Ownership.DOMESTIC, "China", True),
    ("wuxi", "药明康德", "WuXi AppTec", CompanyKind.ENTERPRISE, Sector.CRO_CDMO, Ownership.DOMESTIC, "China", True),
    ("runnuo", "", "Runnuo Biotechnology", CompanyKind.ENTERPRISE, Sector.CRO_CDMO, Ownership.DOMESTIC, "China", True),
    ("artmon", "", "Shanghai Artmon Hospital", CompanyKind.HOSPITAL, Sector.MEDICAL_SERVICES, Ownership.DOMESTIC, "China", True),
    ("hillhouse", "高瓴资本", "Hillhouse Capital Group", CompanyKind.INVESTOR, Sector.OTHER, Ownership.DOMESTIC, "China", False),
    ("lilly", "礼来", "Eli Lilly and Company", CompanyKind.INVESTOR, Sector.INNOVATIVE_DRUGS, Ownership.FOREIGN, "United States", False),
    ("idg", "IDG资本", "IDG Capital", CompanyKind.INVESTOR, Sector.OTHER, Ownership.FOREIGN, "United States", False),
    ("sequoia", "红杉资本", "Sequoia Capital", CompanyKind.INVESTOR, Sector.OTHER, Ownership.FOREIGN, "United States", False),
    ("stairmed", "阶梯医疗", "StairMed Technology", CompanyKind.ENTERPRISE, Sector.BRAIN_COMPUTER, Ownership.DOMESTIC, "China", True),
    ("smith_nephew", "施乐辉", "Smith & Nephew", CompanyKind.ENTERPRISE, Sector.MEDICAL_DEVICES, Ownership.FOREIGN, "United Kingdom", True),
    ("flex", "伟创力", "Flex", CompanyKind.SERVICE_PROVIDER, Sector.MEDICAL_DEVICES, Ownership.FOREIGN, "Singapore", True),
    ("forecyte", "", "Forecyte Bio", CompanyKind.ENTERPRISE, Sector.CRO_CDMO, Ownership.DOMESTIC, "China", True),
    ("gaoyue", "", "Gaoyue Life Science Park", CompanyKind.SERVICE_PROVIDER, Sector.OTHER, Ownership.DOMESTIC, "China", True),
    ("innovel", "", "Innovel", CompanyKind.ENTERPRISE, Sector.BIOLOGICS, Ownership.DOMESTIC, "China", True),
    ("sinoorganoid", "", "SinoOrganoid", CompanyKind.ENTERPRISE, Sector.ORGANOIDS, Ownership.DOMESTIC, "China", True),
    ("nepharm", "东北制药", "Northeast Pharmaceutical Group", CompanyKind.ENTERPRISE, Sector.INNOVATIVE_DRUGS, Ownership.DOMESTIC, "China", True),
    ("merck", "默克", "Merck Testing", CompanyKind.ENTERPRISE, Sector.CELL_GENE_THERAPY, Ownership.FOREIGN, "Germany", True),
    ("frontera", "", "Frontera Therapeutics", CompanyKind.ENTERPRISE, Sector.CELL_GENE_THERAPY, Ownership.FOREIGN, "United States", True),
    ("neukio", "", "Neukio Biotherapeutics", CompanyKind.ENTERPRISE, Sector.CELL_GENE_THERAPY, Ownership.FOREIGN, "China", False),
    ("intuitive_fosun", "直观复星", "Intuitive Fosun", CompanyKind.ENTERPRISE, Sector.MEDICAL_DEVICES, Ownership.JOINT_VENTURE, "China", False),
    ("roche", "罗氏", "Roche", CompanyKind.ENTERPRISE, Sector.INNOVATIVE_DRUGS, Ownership.FOREIGN, "Switzerland", False),
    ("dongmai", "", "Dongmai Medical", CompanyKind.ENTERPRISE, Sector.CRO_CDMO, Ownership.DOMESTIC, "China", False),
    ("kongming", "", "GD Kongming", CompanyKind.ENTERPRISE, Sector.CELL_GENE_THERAPY, Ownership.DOMESTIC, "China", False),
    ("tongji_med", "同济大学医学院", "Tongji University School of Medicine", CompanyKind.UNIVERSITY, Sector.VACCINES, Ownership.DOMESTIC, "China", False),
    ("xinyu", "", "Xinyu Health", CompanyKind.ENTERPRISE, Sector.AI_DIGITAL_HEALTH, Ownership.DOMESTIC, "China", False),
    ("sma", "上海市医学会", "Shanghai Medical Association", CompanyKind.ASSOCIATION, Sector.MEDICAL_SERVICES, Ownership.DOMESTIC, "China", False),
    ("cgta", "细胞与基因治疗产业联盟", "Cell and Gene Therapy Alliance (CGTA)", CompanyKind.ASSOCIATION, Sector.CELL_GENE_THERAPY, Ownership.DOMESTIC, "China", False),
    ("tongji", "同济大学", "Tongji University", CompanyKind.UNIVERSITY, Sector.OTHER, Ownership.DOMESTIC, "China", False),
]  # fmt: skip


@dataclass
class SeedProject:
    company: str
    title: str
    sector: str
    project_type: str
    stage: Stage
    owner: str
    source: str = Source.REFERRAL
    event: tuple | None = None
    referrer: str = ""
    amount: Decimal | None = None
    created: date = date(2024, 1, 15)
    pitch: str = ""
    evaluation_on: date | None = None
    evaluation_done: bool = False
    signing: tuple | None = None  # (ceremony key or None, date, amount)
    landed: tuple | None = None  # (milestone kind, date)
    operating_on: date | None = None
    policy_needs: list = field(default_factory=list)
    space_types: list = field(default_factory=list)
    space_m2: Decimal | None = None
    description: str = ""


def _ceremony_signings() -> list[SeedProject]:
    """The 2024-03-26 ceremony: nine projects, over 1.5 billion yuan (the article names none)."""
    nine = [
        ("Clinical translation R&D centre", Sector.MEDICAL_SERVICES, ProjectType.RD_CENTRE, "2.2"),
        ("Regional headquarters", Sector.INNOVATIVE_DRUGS, ProjectType.HEADQUARTERS, "1.8"),
        ("High-end innovative medical equipment production base", Sector.MEDICAL_DEVICES, ProjectType.PRODUCTION, "3.5"),
        ("Gene editing R&D centre", Sector.CELL_GENE_THERAPY, ProjectType.RD_CENTRE, "1.6"),
        ("Brain-computer precision medicine centre", Sector.BRAIN_COMPUTER, ProjectType.CLINICAL, "1.2"),
        ("China sales centre", Sector.MEDICAL_DEVICES, ProjectType.SALES, "0.6"),
        ("Commercial biologics production", Sector.BIOLOGICS, ProjectType.PRODUCTION, "2.4"),
        ("IVD reagents production base", Sector.IVD, ProjectType.PRODUCTION, "1.1"),
        ("Bonded trading and logistics centre", Sector.TRADE_LOGISTICS, ProjectType.TRADING, "0.8"),
    ]  # fmt: skip
    owners = ["li.na", "chen.hao", "liu.yang", "sun.li", "huang.jing", "zhou.tao", "emma.roth", "liu.yang", "li.na"]
    projects = []
    for index, (title, sector, kind, yi) in enumerate(nine):
        landed = (MilestoneKind.REGISTERED, date(2024, 7, 1) + timedelta(days=30 * index)) if index < 5 else None
        projects.append(
            SeedProject(
                company=f"ceremony{index + 1}",
                title=title,
                sector=sector,
                project_type=kind,
                stage=Stage.LANDED if landed else Stage.SIGNED,
                owner=owners[index],
                source=Source.PARTNER,
                referrer="sma",
                amount=Decimal(yi) * YI,
                created=date(2023, 9, 1) + timedelta(days=9 * index),
                evaluation_on=date(2023, 12, 1) + timedelta(days=5 * index),
                evaluation_done=True,
                signing=("platform", PLATFORM_CEREMONY[1], Decimal(yi) * YI),
                landed=landed,
                description="Signed at the 2024-03-26 ceremony; the article gives only the total (over 1.5 billion "
                "yuan), so the split between the nine projects is an estimate.",
            )
        )
    return projects


# Companies behind the nine ceremony projects, which the article does not name.
CEREMONY_COMPANIES = [
    (f"ceremony{index + 1}", zh, en, CompanyKind.ENTERPRISE, sector, Ownership.DOMESTIC, "China", False)
    for index, (zh, en, sector) in enumerate(
        [
            ("示例临床转化医学有限公司", "Demo Clinical Translation Co., Ltd.", Sector.MEDICAL_SERVICES),
            ("示例创新药业（中国）有限公司", "Demo Innovative Pharma (China) Co., Ltd.", Sector.INNOVATIVE_DRUGS),
            ("示例高端医疗装备有限公司", "Demo High-end Medical Equipment Co., Ltd.", Sector.MEDICAL_DEVICES),
            ("示例基因编辑科技有限公司", "Demo Gene Editing Technology Co., Ltd.", Sector.CELL_GENE_THERAPY),
            ("示例脑机精准医疗有限公司", "Demo Brain-Computer Precision Medicine Co., Ltd.", Sector.BRAIN_COMPUTER),
            ("示例医疗器械销售有限公司", "Demo Medical Device Sales Co., Ltd.", Sector.MEDICAL_DEVICES),
            ("示例生物制品有限公司", "Demo Biologics Co., Ltd.", Sector.BIOLOGICS),
            ("示例体外诊断试剂有限公司", "Demo IVD Reagents Co., Ltd.", Sector.IVD),
            ("示例保税供应链管理有限公司", "Demo Bonded Supply Chain Co., Ltd.", Sector.TRADE_LOGISTICS),
        ]
    )
]


def seed_projects(today: date) -> list[SeedProject]:
    soon = today + timedelta(days=9)
    return [
        # The 2025-07-17 Tongji forum: four projects; the park planned on-site evaluations after it.
        SeedProject("dongmai", "CDMO + CRO services for medical devices", Sector.CRO_CDMO, ProjectType.CDMO_CRO,
                    Stage.NEGOTIATION, "zhou.tao", Source.EVENT, TONGJI_FORUM, referrer="tongji",
                    amount=Decimal(8000) * WAN, created=date(2025, 7, 17),
                    pitch="CDMO+CRO for medical devices, helping companies accelerate regulatory approvals.",
                    evaluation_on=date(2025, 9, 10), evaluation_done=True,
                    policy_needs=[PolicyNeed.REGISTRATION_GUIDANCE], space_types=[SpaceType.LAB, SpaceType.OFFICE],
                    space_m2=Decimal(3000)),
        SeedProject("kongming", "Universal allogeneic γδ-T cell therapy R&D and pilot production",
                    Sector.CELL_GENE_THERAPY, ProjectType.RD_CENTRE, Stage.EVALUATION, "li.na", Source.EVENT,
                    TONGJI_FORUM, referrer="tongji", amount=Decimal(2) * YI, created=date(2025, 7, 17),
                    pitch="Pioneering universal allogeneic γδ-T cell therapies.", evaluation_on=soon,
                    policy_needs=[PolicyNeed.CGT_PILOT, PolicyNeed.BONDED_EQUIPMENT],
                    space_types=[SpaceType.LAB, SpaceType.GMP_PLANT], space_m2=Decimal(5000)),
        SeedProject("tongji_med", "Antimalarial vaccine development", Sector.VACCINES, ProjectType.RD_CENTRE,
                    Stage.ROADSHOW, "sun.li", Source.EVENT, TONGJI_FORUM, referrer="tongji",
                    amount=Decimal(5000) * WAN, created=date(2025, 7, 17),
                    pitch="An antimalarial vaccine filling a gap in China's infectious disease prevention."),
        SeedProject("xinyu", "AI academic assistant for clinicians", Sector.AI_DIGITAL_HEALTH, ProjectType.RD_CENTRE,
                    Stage.ROADSHOW, "huang.jing", Source.EVENT, TONGJI_FORUM, referrer="tongji",
                    amount=Decimal(3000) * WAN, created=date(2025, 7, 17),
                    pitch="An AI-powered academic assistant supporting clinicians in research and decisions."),
        # Facilities delivered in the bonded area (article 001).
        SeedProject("iaso", "Headquarters, research and commercial facilities", Sector.CELL_GENE_THERAPY,
                    ProjectType.HEADQUARTERS, Stage.LANDED, "chen.hao", Source.REFERRAL, referrer="hillhouse",
                    amount=Decimal(10) * YI, created=date(2021, 5, 10), evaluation_on=date(2021, 7, 1),
                    evaluation_done=True, signing=(None, date(2021, 11, 18), Decimal(10) * YI),
                    landed=(MilestoneKind.FACILITY_DELIVERED, date(2023, 6, 20)),
                    policy_needs=[PolicyNeed.CGT_PILOT], space_types=[SpaceType.GMP_PLANT, SpaceType.LAB],
                    description="Amount is an estimate."),
        SeedProject("forecyte", "CDMO commercial facilities", Sector.CRO_CDMO, ProjectType.CDMO_CRO, Stage.LANDED,
                    "li.na", amount=Decimal(6) * YI, created=date(2021, 8, 2), evaluation_on=date(2021, 9, 15),
                    evaluation_done=True, signing=(None, date(2022, 1, 12), Decimal(6) * YI),
                    landed=(MilestoneKind.FACILITY_DELIVERED, date(2023, 6, 20)), description="Amount is an estimate."),
        SeedProject("sinoorganoid", "Organoid research base", Sector.ORGANOIDS, ProjectType.RD_CENTRE, Stage.LANDED,
                    "sun.li", amount=Decimal(2) * YI, created=date(2022, 3, 1), evaluation_on=date(2022, 4, 20),
                    evaluation_done=True, signing=(None, date(2022, 8, 30), Decimal(2) * YI),
                    landed=(MilestoneKind.FACILITY_DELIVERED, date(2023, 6, 20)), description="Amount is an estimate."),
        SeedProject("nepharm", "Research centre", Sector.INNOVATIVE_DRUGS, ProjectType.RD_CENTRE, Stage.LANDED,
                    "chen.hao", amount=Decimal(3) * YI, created=date(2022, 2, 14), evaluation_on=date(2022, 3, 30),
                    evaluation_done=True, signing=(None, date(2022, 7, 8), Decimal(3) * YI),
                    landed=(MilestoneKind.FACILITY_DELIVERED, date(2023, 6, 20)), description="Amount is an estimate."),
        SeedProject("beigene", "Second global research centre, phase 2", Sector.INNOVATIVE_DRUGS,
                    ProjectType.RD_CENTRE, Stage.OPERATING, "wang.lei", Source.TENANT_EXPANSION,
                    amount=Decimal(15) * YI, created=date(2021, 3, 1), evaluation_on=date(2021, 4, 8),
                    evaluation_done=True, signing=(None, date(2021, 6, 30), Decimal(15) * YI),
                    landed=(MilestoneKind.FACILITY_DELIVERED, date(2023, 6, 1)), operating_on=date(2023, 6, 20),
                    description="At 51 Rijing Road, a former bank building. Amount is an estimate."),
        # Zhangjiang summit, 2021: Intuitive Fosun's high-end manufacturing and R&D base.
        SeedProject("intuitive_fosun", "High-end manufacturing and R&D base for surgical robots",
                    Sector.MEDICAL_DEVICES, ProjectType.PRODUCTION, Stage.SIGNED, "liu.yang", Source.EVENT,
                    ZHANGJIANG_SUMMIT, amount=Decimal(12) * YI, created=date(2021, 6, 1),
                    pitch="Localization of supply chains and manufacturing of robotic-assisted devices.",
                    evaluation_on=date(2021, 8, 20), evaluation_done=True,
                    signing=("zhangjiang", ZHANGJIANG_CEREMONY[1], Decimal(12) * YI),
                    description="Amount is an estimate; the 24 summit projects totalled 31.2 billion yuan."),
        # Foreign-invested CGT pilot (article 003).
        SeedProject("merck", "Stem cell and gene therapy testing technologies", Sector.CELL_GENE_THERAPY,
                    ProjectType.RD_CENTRE, Stage.NEGOTIATION, "emma.roth", Source.TENANT_EXPANSION,
                    BIOPHARMA_WEEK, amount=Decimal(1) * YI, created=date(2024, 11, 14),
                    evaluation_on=date(2025, 1, 15), evaluation_done=True, policy_needs=[PolicyNeed.CGT_PILOT],
                    description="Business scope changed on 2024-11-14 to include cell and gene therapy."),
        SeedProject("frontera", "Gene therapy R&D under the foreign-investment CGT pilot", Sector.CELL_GENE_THERAPY,
                    ProjectType.RD_CENTRE, Stage.EVALUATION, "emma.roth", Source.EVENT, BIOPHARMA_WEEK,
                    amount=Decimal(3) * YI, created=date(2024, 11, 16), evaluation_on=today + timedelta(days=1),
                    policy_needs=[PolicyNeed.CGT_PILOT]),
        SeedProject("neukio", "Next-generation immune cell products", Sector.CELL_GENE_THERAPY,
                    ProjectType.PRODUCTION, Stage.ROADSHOW, "chen.hao", Source.EVENT, BIOPHARMA_WEEK,
                    amount=Decimal(5) * YI, created=date(2024, 11, 16), policy_needs=[PolicyNeed.CGT_PILOT]),
        # Article 000: StairMed's bonded equipment import; Smith & Nephew with Flex localizing endoscope cameras.
        SeedProject("stairmed", "Neural signal research lab", Sector.BRAIN_COMPUTER, ProjectType.RD_CENTRE,
                    Stage.OPERATING, "zhou.tao", Source.INBOUND, amount=Decimal("1.5") * YI, created=date(2023, 2, 1),
                    evaluation_on=date(2023, 3, 10), evaluation_done=True,
                    signing=(None, date(2023, 5, 18), Decimal("1.5") * YI),
                    landed=(MilestoneKind.REGISTERED, date(2023, 7, 3)), operating_on=date(2024, 1, 8),
                    policy_needs=[PolicyNeed.BONDED_EQUIPMENT], description="Amount is an estimate."),
        SeedProject("smith_nephew", "Localized production of endoscope camera systems (entrusted to Flex)",
                    Sector.MEDICAL_DEVICES, ProjectType.PRODUCTION, Stage.SIGNED, "liu.yang",
                    Source.TENANT_EXPANSION, amount=Decimal(4) * YI, created=date(2024, 10, 8),
                    evaluation_on=date(2024, 12, 2), evaluation_done=True,
                    signing=(None, date(2025, 4, 22), Decimal(4) * YI),
                    policy_needs=[PolicyNeed.REGISTRATION_GUIDANCE], description="Amount is an estimate."),
        *_ceremony_signings(),
    ]  # fmt: skip


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _company(key: str) -> Company:
    spec = next(row for row in COMPANIES + CEREMONY_COMPANIES if row[0] == key)
    _key, zh, en, kind, sector, ownership, country, tenant = spec
    existing = company_match(name_zh=zh, name_en=en)
    if existing:
        return existing
    return company_create(
        name_zh=zh, name_en=en, kind=kind, sector=sector, ownership=ownership, country=country,
        city="Shanghai" if country == "China" else "", is_park_tenant=tenant,
    )  # fmt: skip


def _walk(project: InvestmentProject, spec: SeedProject, events: dict, ceremonies: dict, users: dict) -> None:
    """Create what each gate asks for and move the project through it, then date the log."""
    dates = {Stage.LEAD: spec.created}
    order = list(Stage)
    for stage in order[1 : order.index(spec.stage) + 1]:
        if stage == Stage.ROADSHOW:
            if not spec.event:
                continue
            services.presentation_save(
                presentation=Presentation(
                    event=events[spec.event], project=project, pitch_summary=spec.pitch, rating=4, interested=True
                ),
                actor=None,
            )
            dates[stage] = spec.event[1]
        elif stage == Stage.EVALUATION:
            evaluation = services.evaluation_save(
                evaluation=OnSiteEvaluation(project=project, scheduled_at=_at(spec.evaluation_on)), actor=None
            )
            evaluation.evaluators.add(users[spec.owner])
            dates[stage] = min(spec.evaluation_on, timezone.localdate()) - timedelta(days=14)
        elif stage == Stage.NEGOTIATION:
            evaluation = project.evaluations.get()
            evaluation.status = EvaluationStatus.DONE
            evaluation.score_technology, evaluation.score_team, evaluation.score_market = 4, 4, 4
            evaluation.score_cluster_fit, evaluation.score_regulatory = 5, 3
            evaluation.recommendation = Recommendation.PROCEED
            evaluation.report = "Strong fit with the cluster; proceed to terms."
            services.evaluation_save(evaluation=evaluation, actor=None)
            dates[stage] = spec.evaluation_on + timedelta(days=3)
        elif stage == Stage.SIGNED:
            ceremony_key, signed_on, amount = spec.signing
            services.signing_save(
                signing=Signing(
                    project=project, ceremony=ceremonies.get(ceremony_key), signed_on=signed_on,
                    committed_amount=amount, counts_as=SigningCounts.NEW,
                ),
                actor=None,
            )  # fmt: skip
            dates[stage] = signed_on
        elif stage == Stage.LANDED:
            kind, done_on = spec.landed
            services.milestone_save(milestone=Milestone(project=project, kind=kind, planned_date=done_on,
                                                        actual_date=done_on), actor=None)  # fmt: skip
            dates[stage] = done_on
        elif stage == Stage.OPERATING:
            services.milestone_save(
                milestone=Milestone(project=project, kind=MilestoneKind.OPERATIONS_STARTED,
                                    planned_date=spec.operating_on, actual_date=spec.operating_on),
                actor=None,
            )  # fmt: skip
            dates[stage] = spec.operating_on
        services.project_move_stage(project=project, to_stage=stage, actor=users[spec.owner], note="")
    # The services stamp "now"; the real events happened earlier.
    for change in project.stage_changes.all():
        StageChange.objects.filter(pk=change.pk).update(changed_at=_at(dates[Stage(change.to_stage)]))
    InvestmentProject.objects.filter(pk=project.pk).update(
        created_at=_at(spec.created), stage_entered_at=_at(dates[spec.stage]), last_activity_at=_at(dates[spec.stage])
    )


def load_seeds(users: dict) -> int:
    events = {
        key: RoadshowEvent.objects.get_or_create(
            name=key[0], date=key[1], defaults={"kind": kind, "organizer": organizer, "city": city}
        )[0]
        for key, kind, organizer, city in EVENTS
    }
    ceremonies = {}
    for key, (spec, organizer, venue) in zip(("platform", "zhangjiang"), CEREMONIES, strict=True):
        ceremonies[key] = SigningCeremony.objects.get_or_create(
            name=spec[0], date=spec[1], defaults={"organizer": organizer, "venue": venue}
        )[0]
    for key, *_rest in COMPANIES:
        _company(key)
    count = 0
    for spec in seed_projects(timezone.localdate()):
        company = _company(spec.company)
        if InvestmentProject.objects.filter(company=company, title=spec.title).exists():
            continue
        project = services.project_create(
            actor=None, company=company, title=spec.title, sector=spec.sector, project_type=spec.project_type,
            source=spec.source, source_event=events.get(spec.event), referrer=_company(spec.referrer)
            if spec.referrer else None, owner=users[spec.owner], planned_investment=spec.amount,
            policy_needs=spec.policy_needs, space_types=spec.space_types, space_needed_m2=spec.space_m2,
            description=spec.description,
        )  # fmt: skip
        _walk(project, spec, events, ceremonies, users)
        count += 1
    return count
