using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Auditing;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Tests.Support;
using Wolverine.Runtime.Handlers;

namespace PartnershipLifecycle.Tests.Platform;

public class WiringTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public void Queries_belong_to_MediatR_and_commands_to_Wolverine()
    {
        var handlers = Host.Services.GetRequiredService<HandlerGraph>();

        handlers.CanHandle(typeof(LogOutreach)).ShouldBeTrue();
        handlers.CanHandle(typeof(GetPartner)).ShouldBeFalse();
        handlers.CanHandle(typeof(GetPartnerHistory)).ShouldBeFalse();
    }
}
