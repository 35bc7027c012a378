namespace PartnershipLifecycle.Partners;

// The domain's words (docs/domain.md). On the wire every value is snake_case (PartnerReferral -> partner_referral).
// Numbering starts at 1 so that a field left out of a request (default 0) is caught as missing.

/// <summary>Where a partner stands in the lifecycle.</summary>
public enum Stage
{
    Prospect = 1,
    Contacted,
    Pitched,
    Piloting,
    Active,
    Paused,
    Lost,
}

/// <summary>How the institution found the partner.</summary>
public enum RecruitmentChannel
{
    ChamberOfCommerce = 1,
    IndustryAssociation,
    AlumniNetwork,
    PersonalNetwork,
    ProfessionalNetwork,
    /// <summary>Names the referring partner in <c>referredByPartnerId</c>.</summary>
    PartnerReferral,
    CommunityCollege,
    HighDemandJobsResearch,
    Inbound,
    Other,
}

/// <summary>How a first or later outreach was made.</summary>
public enum OutreachChannel
{
    Email = 1,
    Phone,
    InPerson,
    Event,
    SocialMedia,
}

/// <summary>What the institution offers a partner, or asks of it, in a pitch.</summary>
public enum Offering
{
    WorkPlacement = 1,
    Internship,
    Mentorship,
    GuestTalk,
    SiteVisit,
    CoDesign,
    AdvisoryBoardSeat,
    CustomizedTraining,
    Showcase,
}

public enum PitchOutcome
{
    Interested = 1,
    Declined,
    Undecided,
}

/// <summary>A person's part at the partner organisation.</summary>
public enum ContactRole
{
    /// <summary>Carries the relationship; losing them is the turnover risk.</summary>
    Champion = 1,
    DecisionMaker,
    Mentor,
    Hr,
    Other,
}

public enum ContactStatus
{
    Active = 1,
    Departed,
}

public enum LossReason
{
    PersonnelTurnover = 1,
    CapacityChange,
    ManagementDecision,
    SchedulingDifficulties,
    LowMenteeEnthusiasm,
    CommunicationBreakdown,
    DeclinedPitch,
    MouExpired,
    Other,
}

/// <summary>How a programme communication reached, or came from, the partner.</summary>
public enum CommunicationChannel
{
    Email = 1,
    Phone,
    Meeting,
    VideoCall,
    Newsletter,
    ProgrammeUpdate,
    Event,
    SocialMedia,
    Other,
}

public enum CommunicationDirection
{
    Outbound = 1,
    Inbound,
}

/// <summary>Work delivered with a partner for students.</summary>
public enum EngagementType
{
    MentoringSession = 1,
    WorkPlacement,
    Internship,
    GuestTalk,
    SiteVisit,
    CoDesignWorkshop,
    AdvisoryBoardMeeting,
    Showcase,
    CustomizedTraining,
}

/// <summary>Why a partner says it takes part (seed 000).</summary>
public enum Motivation
{
    AttractTalent = 1,
    GiveBack,
    Reputation,
    CorporateLearning,
    Other,
}

/// <summary>Where a partner's engagement health falls (scored by EngagementHealth; the partner list filters by it).</summary>
public enum HealthBand
{
    Healthy = 1,
    Watch,
    AtRisk,
}
