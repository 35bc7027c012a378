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
    public void Queries_belong_to_MediatR_and_commands_to_Wolverine_HTTP_endpoints_with_no_message_handler_behind()
    {
        var handlers = Host.Services.GetRequiredService<HandlerGraph>();

        // A command is its endpoint's Decide (one generated hop); nothing sends it through the bus.
        handlers.CanHandle(typeof(LogOutreach)).ShouldBeFalse();
        handlers.CanHandle(typeof(GetPartner)).ShouldBeFalse();
        handlers.CanHandle(typeof(GetPartnerHistory)).ShouldBeFalse();
    }

    /// <summary>Automation lives in the domain assembly; a handler Wolverine did not find would fail silently.</summary>
    [Theory]
    [InlineData(typeof(PartnershipLifecycle.Partners.Alerting.TurnoverAlertChanged))]
    [InlineData(typeof(PartnershipLifecycle.Partners.Alerting.CheckTurnoverAlertEscalation))]
    [InlineData(typeof(PartnershipLifecycle.Automation.IntegrationEvent))]
    [InlineData(typeof(PartnershipLifecycle.Automation.RescorePartnerHealth))]
    [InlineData(typeof(PartnershipLifecycle.Automation.DailyChecks))]
    [InlineData(typeof(PartnershipLifecycle.Automation.DailyTenantChecks))]
    [InlineData(typeof(PartnershipLifecycle.Partners.Agreeing.RemindMouExpiry))]
    [InlineData(typeof(PartnershipLifecycle.Partners.Agreeing.EndMouTerm))]
    [InlineData(typeof(PartnershipLifecycle.Webhooks.DeliverWebhook))]
    public void Automation_messages_have_their_handlers(Type message) =>
        Host.Services.GetRequiredService<HandlerGraph>().CanHandle(message).ShouldBeTrue();
}
