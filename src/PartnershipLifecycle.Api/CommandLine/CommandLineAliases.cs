namespace PartnershipLifecycle.Api.CommandLine;

/// <summary>
/// Our documents spell the rebuild verb <c>projections --rebuild</c>; the JasperFx command line that Marten
/// brings spells it <c>projections rebuild</c>. Both work.
/// </summary>
public static class CommandLineAliases
{
    /// <summary>Whether the arguments start the service (none, flags such as <c>--urls</c>, or <c>run</c>) rather than a verb.</summary>
    public static bool RunsService(string[] args) => args.Length == 0 || args[0].StartsWith('-') || args[0] == "run";

    /// <summary>Whether the verb is <c>describe</c>, which prints the configuration (masked: <see cref="SecretMasking"/>).</summary>
    public static bool Describes(string[] args) => args is ["describe", ..];

    /// <summary>Whether the verb is <c>seed</c>, which starts the service on a loopback port of its own (<see cref="SeedCommand"/>).</summary>
    public static bool Seeds(string[] args) => args is ["seed", ..];

    public static string[] Apply(string[] args) =>
        args is ["projections", ..] && args.Contains("--rebuild")
            ? ["projections", "rebuild", .. args.Skip(1).Where(a => a != "--rebuild")]
            : args;
}
