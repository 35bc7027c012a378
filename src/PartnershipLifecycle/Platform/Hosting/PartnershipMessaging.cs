using JasperFx;
using MediatR;
using PartnershipLifecycle.Partners;
using Wolverine;
using Wolverine.ErrorHandling;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>Wolverine: handler discovery, transactions, and what to do when two commands race.</summary>
public static class PartnershipMessaging
{
    public static void Configure(WolverineOptions opts)
    {
        opts.ServiceName = "partnership-lifecycle";
        opts.Discovery.IncludeAssembly(typeof(Partner).Assembly);

        // Queries go through MediatR; its handlers look like Wolverine's (XxxHandler.Handle) but are not.
        opts.Discovery.CustomizeHandlerDiscovery(types => types.Excludes.WithCondition("MediatR query handlers",
            type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))));

        opts.Policies.AutoApplyTransactions();
        opts.Policies.UseDurableLocalQueues();
        opts.Policies.UseDurableOutboxOnAllSendingEndpoints();

        // The caller's sub travels with every command to Marten's user_name column.
        opts.EnableRelayOfUserName = true;

        // Two commands on one partner at once: the loser of Marten's optimistic check decides again on
        // the fresh state. Jitter keeps a crowd of retries from colliding in lockstep.
        opts.Policies.OnException<ConcurrencyException>()
            .RetryWithCooldown(
                Ms(5), Ms(10), Ms(20), Ms(30), Ms(50), Ms(50), Ms(75), Ms(75), Ms(100), Ms(100),
                Ms(100), Ms(150), Ms(150), Ms(200), Ms(200), Ms(250), Ms(250), Ms(300), Ms(300), Ms(400))
            .WithFullJitter();
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
