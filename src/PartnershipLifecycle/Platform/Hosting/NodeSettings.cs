using Wolverine;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// How fast a node that stopped (a crash, <c>kill -9</c>) loses its projections and queues to the others, when
/// nodes share the work (Balanced durability). Each node writes its health every <see cref="HealthCheckEvery"/>;
/// one silent for <see cref="StaleAfter"/> is dropped from the assignments at the next check, so the work moves
/// within about <see cref="StaleAfter"/> + <see cref="HealthCheckEvery"/> (10 s by default; Wolverine's own
/// defaults, 60 s + 10 s, took about 58 s).
/// </summary>
public sealed class NodeSettings
{
    public const string Section = "Nodes";

    /// <summary>How often each node records its health and checks the others'.</summary>
    public TimeSpan HealthCheckEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose health record is this old is taken for gone; several health checks long, so a pause of a live node is not.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest a stopped node's work waits for another node to take it over.</summary>
    public TimeSpan TakeoverWithin => StaleAfter + HealthCheckEvery;

    public void ApplyTo(DurabilitySettings durability)
    {
        durability.HealthCheckPollingTime = HealthCheckEvery;
        durability.StaleNodeTimeout = StaleAfter;
    }
}
