namespace PartnershipLifecycle.Platform.Security;

/// <summary>The actor recorded (Marten's <c>user_name</c>) on events that automation appends rather than a person.</summary>
public static class Actors
{
    public const string Automation = "system:automation";
}
