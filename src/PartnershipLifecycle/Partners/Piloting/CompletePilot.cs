namespace PartnershipLifecycle.Partners.Piloting;

public sealed record PilotCompleted(DateOnly OccurredOn, int Rating, string Feedback, string? Testimonial) : IPartnerEvent;
