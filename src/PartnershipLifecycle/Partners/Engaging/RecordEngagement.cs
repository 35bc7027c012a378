namespace PartnershipLifecycle.Partners.Engaging;

/// <summary>Work delivered with the partner for students: a placement, a mentoring session, a talk...</summary>
public sealed record EngagementDelivered(EngagementType Type, DateOnly OccurredOn, int StudentsReached, decimal Hours, string? Note) : IPartnerEvent;
