"""The volumes, names, texts and shares the scale organisation is drawn from (rough orders of
magnitude of the field, not statistics), and the order its tables are written in."""

from __future__ import annotations

from chemin.accounts.models import Membership, User
from chemin.agreements.models import Agreement
from chemin.appointments.enums import AppointmentKind, AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.barriers.models import Barrier, BarrierTransition
from chemin.companies.enums import Channel as CompanyChannel
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.employments.enums import ContractType
from chemin.employments.models import CheckIn, CheckInSide, Employment
from chemin.exits.enums import ExitReason
from chemin.immersions.enums import Attendance, ImmersionObjective
from chemin.immersions.models import Immersion
from chemin.jobwishes.enums import ContractType as WishContractType
from chemin.jobwishes.models import JobWish, JobWishRomeJob, JobWishVersion
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.opportunities.enums import PlacementStatus, RefusalReason
from chemin.opportunities.models import Opportunity, Placement, PlacementTransition
from chemin.participants.enums import EducationLevel, IncomeSupport
from chemin.participants.models import Participant
from chemin.partners.enums import IaeKind, PartnerKind
from chemin.partners.models import Partner, PartnerCategory, PartnerReferral, PartnerTerritory
from chemin.pathways.models import Pathway, PhaseChange
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from chemin.referentials.text import normalize
from chemin.referrals.models import Referral
from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from chemin.territories.models import Territory

SCALE_SLUG_PREFIX = "echelle-"
SCALE_EMAIL_DOMAIN = "echelle.chemin-faisant.test"
DEFAULT_PARTICIPANTS = 100_000
DEFAULT_TERRITORIES = 50
YEARS = 5
# People written per round: bounds the memory used whatever the volume.
CHUNK = 5000

# Five départements of the Hauts-de-France; territories are named after their largest communes.
DEPARTEMENTS = {"59": "Nord", "62": "Pas-de-Calais", "80": "Somme", "02": "Aisne", "60": "Oise"}
# The tables the participant timeline (chemin/core/timeline.py) is assembled from.
TIMELINE_MODELS = (
    Referral,
    PhaseChange,
    JobWish,
    Step,
    Note,
    Barrier,
    PartnerReferral,
    Placement,
    Immersion,
    Appointment,
    Employment,
    CheckInSide,
)

FIRST_NAMES = [
    "Amandine", "Karim", "Sabrina", "Kevin", "Nadia", "Jordan", "Mélanie", "Mohamed", "Jessica",
    "Dylan", "Sandrine", "Anthony", "Fatima", "Jérôme", "Laura", "Yassine", "Céline", "Maxime",
    "Aurélie", "Sofiane", "Émilie", "Thomas", "Aïcha", "Ludovic", "Virginie", "Mamadou", "Justine",
    "Romain", "Samira", "Grégory", "Coralie", "Bilal", "Stéphanie", "Nicolas", "Leïla", "Florian",
    "Christelle", "David", "Inès", "Cédric", "Manon", "Alexandre", "Océane", "Rachid", "Sylvie",
    "Mickaël", "Chloé", "Franck", "Nathalie", "Enzo",
]  # fmt: skip
LAST_NAMES = [
    "Lefebvre", "Dubois", "Martin", "Lemaire", "Leroy", "Duhamel", "Caron", "Vasseur", "Delattre",
    "Wojcik", "Kowalski", "Benali", "Haddad", "Mansouri", "Boulanger", "Lecomte", "Dupont",
    "Dumont", "Lambert", "Fontaine", "Roussel", "Bernard", "Petit", "Moreau", "Lefort", "Deruelle",
    "Carpentier", "Delcroix", "Dewitte", "Vandamme", "Vermeersch", "Nowak", "Lewandowski",
    "Bouchez", "Leclercq", "Lemoine", "Hamdi", "Traoré", "Diallo", "Da Silva", "Pereira", "Meunier",
    "Lebrun", "Poulain", "Gosselin", "Dufour", "Robert", "Richard", "Hennebelle", "Descamps",
]  # fmt: skip
STREETS = [
    "rue Jean Jaurès", "rue Victor Hugo", "rue de la République", "avenue de la Gare", "rue Pasteur",
    "rue Émile Zola", "rue des Écoles", "cité des Alouettes", "rue Roger Salengro", "place du Marché",
]  # fmt: skip
COMPANY_WORDS = {
    "D": ["Supermarché", "Boulangerie", "Magasin", "Drive"],
    "F": ["Bâtiment", "Maçonnerie", "Peinture", "Travaux publics"],
    "G": ["Restaurant", "Hôtel", "Brasserie", "Restauration collective"],
    "H": ["Industries", "Plasturgie", "Métallerie", "Agroalimentaire"],
    "K": ["Aide à domicile", "Propreté", "EHPAD", "Services à la personne"],
    "N": ["Logistique", "Transports", "Entrepôts", "Messagerie"],
}
STEP_TITLES = [
    "Mettre à jour le CV",
    "Préparer l'entretien d'embauche",
    "S'inscrire à l'atelier confiance en soi",
    "Demander le relevé de droits à la CAF",
    "Prendre contact avec l'auto-école sociale",
    "Chercher un mode de garde pour la rentrée",
    "Visiter l'entreprise avec la chargée de relations entreprises",
    "Créer son espace France Travail",
    "Participer au job dating du mois",
    "Faire le point sur le budget",
    "Passer le test de positionnement en français",
    "Rassembler les papiers pour le titre de séjour",
    "Envoyer trois candidatures spontanées",
    "Faire une simulation d'entretien",
    "Ouvrir une adresse e-mail",
]
NOTE_TEXTS = [
    "Entretien de suivi : la personne a avancé sur ses démarches, prochain rendez-vous fixé.",
    "Point téléphonique, motivation intacte malgré les refus récents.",
    "Échange avec le prescripteur sur la situation et les prochaines étapes.",
    "La personne souhaite revoir son projet après l'immersion.",
    "Dossier de financement du permis déposé, réponse attendue sous un mois.",
    "Atelier collectif suivi avec assiduité, bonne dynamique de groupe.",
    "Difficultés de garde d'enfants évoquées, piste d'une crèche à horaires élargis.",
    "Candidature transmise à l'employeur, relance prévue la semaine prochaine.",
    "Bilan intermédiaire : objectifs atteints pour moitié, on maintient le cap.",
    "Retour positif de l'employeur après la première semaine.",
]
NORMALIZED_NOTES = {text: normalize(text) for text in NOTE_TEXTS}
REFERRAL_REASONS = [
    "Demande d'accompagnement renforcé vers l'emploi après une longue période d'inactivité.",
    "Projet professionnel à construire, freins de mobilité et de garde d'enfants.",
    "Fin de formation, besoin d'un appui pour la recherche d'emploi.",
    "Allocataire du RSA orienté·e vers un accompagnement socioprofessionnel.",
    "Sortie de chantier d'insertion, recherche d'un emploi durable.",
]
DECLINE_REASONS = [
    "Personne déjà accompagnée par une autre structure.",
    "La personne ne souhaite pas d'accompagnement pour le moment.",
    "Hors du public de la convention.",
]
INTERACTION_SUMMARIES = [
    "Présentation de l'accompagnement et des profils disponibles.",
    "Point sur les besoins de recrutement du trimestre.",
    "Visite de l'entreprise et des postes de travail.",
    "Relance sur l'offre en cours.",
    "Bilan d'une intégration avec le responsable d'équipe.",
]
BARRIER_WORDS = {
    BarrierCategory.MOBILITY: "Pas de voiture, le bus ne passe pas le dimanche.",
    BarrierCategory.FAMILY: "Pas de solution de garde le mercredi.",
    BarrierCategory.HEALTH: "Suivi médical en cours.",
    BarrierCategory.LITERACY: "Difficultés à remplir les formulaires.",
    BarrierCategory.HOUSING: "Hébergé chez un proche depuis plusieurs mois.",
    BarrierCategory.FINANCES: "Dettes en cours, dossier de surendettement à monter.",
    BarrierCategory.ADMINISTRATIVE: "Papiers d'identité à renouveler.",
    BarrierCategory.DIGITAL: "Pas d'ordinateur, peu à l'aise avec les démarches en ligne.",
    BarrierCategory.FRENCH: "Comprend bien mais écrit difficilement le français.",
    BarrierCategory.CONFIDENCE: "Peu confiance en soi après plusieurs refus.",
    BarrierCategory.JUSTICE: "Mesure de justice en cours.",
    BarrierCategory.QUALIFICATION: "Aucun diplôme, expérience non reconnue.",
}
BARRIER_WEIGHTS = {
    BarrierCategory.MOBILITY: 25,
    BarrierCategory.FAMILY: 14,
    BarrierCategory.HEALTH: 8,
    BarrierCategory.LITERACY: 3,
    BarrierCategory.HOUSING: 8,
    BarrierCategory.FINANCES: 11,
    BarrierCategory.ADMINISTRATIVE: 5,
    BarrierCategory.DIGITAL: 10,
    BarrierCategory.FRENCH: 5,
    BarrierCategory.CONFIDENCE: 10,
    BarrierCategory.JUSTICE: 2,
    BarrierCategory.QUALIFICATION: 7,
}
# Local partners of each territory: (name pattern, kind, IAE kind, categories addressed).
PARTNERS = [
    ("CCAS de {commune}", PartnerKind.CCAS, "", ["28", "27", "29", "24"]),
    ("Auto-école sociale de {commune}", PartnerKind.MOBILITY_DRIVING_SCHOOL, "", ["23"]),
    ("Garage solidaire du {dep}", PartnerKind.MOBILITY_GARAGE, "", ["23"]),
    ("Multi-accueil de {commune}", PartnerKind.CHILDCARE, "", ["24"]),
    ("Centre médico-psychologique de {commune}", PartnerKind.HEALTH, "", ["25"]),
    ("Espace numérique de {commune}", PartnerKind.ASSOCIATION, "", ["numerique", "26"]),
    ("Ateliers sociolinguistiques de {commune}", PartnerKind.ASSOCIATION, "", ["langue", "26"]),
    ("Chantier d'insertion de {commune}", PartnerKind.IAE, IaeKind.ACI, ["qualification", "confiance"]),
    ("Service pénitentiaire d'insertion du {dep}", PartnerKind.PUBLIC_SERVICE, "", ["justice"]),
]
# Contract types at a contract start (the field's usual mix) and the planned length of each.
CONTRACT_WEIGHTS = {
    ContractType.CDI: 18,
    ContractType.CDD: 30,
    ContractType.INTERIM: 20,
    ContractType.CDDI: 14,
    ContractType.SUBSIDISED: 6,
    ContractType.APPRENTICESHIP: 4,
    ContractType.PROFESSIONALISATION: 3,
    ContractType.BUSINESS_CREATION: 3,
    ContractType.PUBLIC_SERVICE: 2,
}
PLANNED_DAYS = {
    ContractType.CDD: [30, 61, 92, 122, 183, 183, 274, 365],
    ContractType.INTERIM: [5, 12, 26, 40, 61, 92, 122, 183],
    ContractType.CDDI: [122, 183, 243, 365],
    ContractType.SUBSIDISED: [183, 274, 365],
    ContractType.APPRENTICESHIP: [365, 730],
    ContractType.PROFESSIONALISATION: [183, 365],
}
# The contract an offer names (job wishes' list) → the employment's contract type.
OFFER_TO_CONTRACT = {
    WishContractType.CDI: ContractType.CDI,
    WishContractType.CDD: ContractType.CDD,
    WishContractType.TEMPORARY: ContractType.INTERIM,
    WishContractType.CDDI: ContractType.CDDI,
    WishContractType.APPRENTICESHIP: ContractType.APPRENTICESHIP,
    WishContractType.PROFESSIONALISATION: ContractType.PROFESSIONALISATION,
    WishContractType.PEC: ContractType.SUBSIDISED,
    WishContractType.CIVIL_SERVICE: ContractType.PUBLIC_SERVICE,
}
ROME_DOMAIN_WEIGHTS = {"D": 6, "F": 5, "G": 5, "H": 6, "K": 8, "N": 7, "A": 2, "I": 2, "J": 2, "M": 3}

# Parents before children, so each batch refers only to rows already written.
WRITE_ORDER = (
    Territory,
    User,
    Membership,
    Agreement,
    Agreement.territories.through,
    PrescriberOrganisation,
    Prescriber,
    Partner,
    PartnerTerritory,
    PartnerCategory,
    Company,
    CompanyContact,
    CompanyInteraction,
    Opportunity,
    Participant,
    Pathway,
    Referral,
    JobWish,
    JobWishRomeJob,
    JobWishVersion,
    Placement,
    PlacementTransition,
    Employment,
    CheckIn,
    CheckInSide,
    PhaseChange,
    Step,
    Note,
    Barrier,
    BarrierTransition,
    PartnerReferral,
    Immersion,
    Appointment,
)

# How things turn out, in rough shares.
INTERACTION_CHANNELS = {
    CompanyChannel.CALL: 5,
    CompanyChannel.VISIT: 3,
    CompanyChannel.EMAIL: 2,
    CompanyChannel.EVENT: 1,
}
OFFER_CONTRACTS = {
    WishContractType.CDI: 3,
    WishContractType.CDD: 4,
    WishContractType.TEMPORARY: 3,
    WishContractType.CDDI: 2,
}
INCOME_SUPPORTS = {
    IncomeSupport.RSA: 35,
    IncomeSupport.ARE: 20,
    IncomeSupport.ASS: 7,
    IncomeSupport.AAH: 5,
    IncomeSupport.NONE: 33,
}
EDUCATION_LEVELS = {
    EducationLevel.INFRA_3: 30,
    EducationLevel.LEVEL_3: 35,
    EducationLevel.LEVEL_4: 22,
    EducationLevel.LEVEL_5_PLUS: 8,
    "": 5,
}
OTHER_EXIT_REASONS = {
    ExitReason.MOVED: 15,
    ExitReason.HEALTH: 20,
    ExitReason.NO_NEWS: 35,
    ExitReason.OTHER: 30,
}
PLACEMENT_OUTCOMES = {
    PlacementStatus.REFUSED: 55,
    PlacementStatus.WITHDRAWN: 25,
    PlacementStatus.INTERVIEW: 10,
    PlacementStatus.SENT_TO_EMPLOYER: 10,
}
REFUSAL_REASONS = {
    RefusalReason.PROFILE_NOT_RETAINED: 40,
    RefusalReason.PERSON_DECLINED: 25,
    RefusalReason.POSITION_FILLED: 20,
    RefusalReason.BARRIER_INCOMPATIBLE: 10,
    RefusalReason.OTHER: 5,
}
STEP_OUTCOMES = {StepStatus.DONE: 65, StepStatus.DROPPED: 15, StepStatus.TODO: 20}
STEP_OWNERS = {StepOwner.PARTICIPANT: 55, StepOwner.COUNSELLOR: 30, StepOwner.PARTNER: 15}
NOTE_VISIBILITIES = {
    NoteVisibility.TEAM: 80,
    NoteVisibility.RESTRICTED: 8,
    NoteVisibility.PRESCRIBER: 7,
    NoteVisibility.PARTICIPANT: 5,
}
BARRIER_OUTCOMES_AT_EXIT = {
    BarrierStatus.LIFTED: 50,
    BarrierStatus.PERSISTENT: 25,
    BarrierStatus.DROPPED: 10,
    BarrierStatus.BEING_ADDRESSED: 15,
}
BARRIER_OUTCOMES_OPEN = {
    BarrierStatus.LIFTED: 40,
    BarrierStatus.BEING_ADDRESSED: 30,
    BarrierStatus.PERSISTENT: 20,
    BarrierStatus.IDENTIFIED: 10,
}
ATTENDANCES = {Attendance.COMPLETED: 75, Attendance.PARTIAL: 15, Attendance.NO_SHOW: 10}
IMMERSION_OBJECTIVES = {
    ImmersionObjective.DISCOVER_JOB: 45,
    ImmersionObjective.CONFIRM_PROJECT: 40,
    ImmersionObjective.START_RECRUITMENT: 15,
}
APPOINTMENT_OUTCOMES = {
    AppointmentStatus.HELD: 76,
    AppointmentStatus.NO_SHOW: 9,
    AppointmentStatus.EXCUSED: 7,
    AppointmentStatus.CANCELLED: 8,
}
APPOINTMENT_KINDS = {
    AppointmentKind.INDIVIDUAL_INTERVIEW: 40,
    AppointmentKind.MONTHLY_FOLLOW_UP: 35,
    AppointmentKind.PHONE: 15,
    AppointmentKind.VIDEO: 5,
    AppointmentKind.HOME_VISIT: 5,
}


class ScaleError(Exception):
    """The scale data cannot be generated here; the message says why, in French."""
