using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Platform.Commands;

using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Identifying;

/// <summary>The pure decision of <c>POST /api/partners</c>, no database.</summary>
public class IdentifyProspectDecisionTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly IdentifyProspectEndpoint.Facts Clear = new(Today, IdTaken: false, ExistingPartnerId: null, ReferrerExists: false);

    private static IdentifyProspect Command(RecruitmentChannel channel = RecruitmentChannel.Inbound, Guid? referrer = null) =>
        new IdentifyProspect(Guid.NewGuid(), " Acme Robotics ", "manufacturing", channel, "acme.example", referrer,
            [Motivation.AttractTalent, Motivation.AttractTalent], "met at the fair", null);

    [Fact]
    public void A_new_organisation_becomes_a_prospect_dated_today_by_default()
    {
        var decision = IdentifyProspectEndpoint.Decide(Command(), Clear);

        decision.IsAccepted.ShouldBeTrue();
        decision.Events.ShouldBe([
            new ProspectIdentified("Acme Robotics", "manufacturing", RecruitmentChannel.Inbound, "acme.example", null,
                [Motivation.AttractTalent], "met at the fair", Today, WebsiteDomain: "acme.example"),
        ], ignoreOrder: false, comparer: new ByJson());
    }

    [Fact]
    public void The_website_is_kept_as_entered_beside_the_domain_that_recognises_duplicates()
    {
        var identified = (ProspectIdentified)IdentifyProspectEndpoint.Decide(Command() with { Website = " https://www.Acme.example/careers " }, Clear).Events.Single();

        identified.Website.ShouldBe("https://www.Acme.example/careers");
        identified.WebsiteDomain.ShouldBe("acme.example");
        IdentifyProspectEndpoint.Decide(Command() with { Website = null }, Clear).Events.Single().ShouldBeOfType<ProspectIdentified>().WebsiteDomain.ShouldBeNull();
    }

    [Fact]
    public void A_known_organisation_is_refused_naming_the_existing_partner()
    {
        var existing = Guid.NewGuid();
        var decision = IdentifyProspectEndpoint.Decide(Command(), Clear with { ExistingPartnerId = existing });

        decision.Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
        decision.Rejection.Extensions!["existingPartnerId"].ShouldBe(existing);
    }

    [Fact]
    public void A_known_organisation_is_accepted_when_the_coordinator_insists() =>
        IdentifyProspectEndpoint.Decide(Command() with { AllowDuplicate = true }, Clear with { ExistingPartnerId = Guid.NewGuid() })
            .IsAccepted.ShouldBeTrue();

    [Fact]
    public void A_taken_id_is_a_conflict() =>
        IdentifyProspectEndpoint.Decide(Command(), Clear with { IdTaken = true }).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);

    [Fact]
    public void A_referral_must_name_an_existing_partner()
    {
        var decision = IdentifyProspectEndpoint.Decide(Command(RecruitmentChannel.PartnerReferral, Guid.NewGuid()), Clear);

        decision.Rejection!.Kind.ShouldBe(RejectionKind.Invalid);
        decision.Rejection.Errors!.Keys.ShouldBe(["referredByPartnerId"]);
    }

    [Fact]
    public void A_referral_by_an_existing_partner_is_kept() =>
        IdentifyProspectEndpoint.Decide(Command(RecruitmentChannel.PartnerReferral, Guid.NewGuid()), Clear with { ReferrerExists = true })
            .Events.Single().ShouldBeOfType<ProspectIdentified>().ReferredByPartnerId.ShouldNotBeNull();
}
