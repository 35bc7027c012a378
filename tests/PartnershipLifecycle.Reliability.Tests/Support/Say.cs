using System.Diagnostics;

namespace PartnershipLifecycle.Reliability.Tests.Support;

/// <summary>Notes in the test's output, stamped with the seconds since the test began (what a failure shows, and the figures measured).</summary>
public sealed class Timeline
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public TimeSpan Elapsed => _since.Elapsed;

    public void Say(string note) => TestContext.Current.TestOutputHelper?.WriteLine($"[{_since.Elapsed.TotalSeconds,6:0.00} s] {note}");
}
