using PartnershipLifecycle.Partners.Identifying;

namespace PartnershipLifecycle.Tests.Partners.Identifying;

public class PartnerNamesTests
{
    [Theory]
    [InlineData("Acme Robotics Ltd", "ACME robotics limited")]
    [InlineData("Acme Robotics Co., Ltd.", "acme  robotics")]
    [InlineData("The Acme Robotics Inc", "Acme-Robotics")]
    [InlineData("Smith & Sons", "smith and sons")]
    [InlineData("Café Créatif", "Cafe Creatif")]
    [InlineData("Macy's", "Macys")]
    public void Same_organisation_has_the_same_normalised_name(string one, string other) =>
        PartnerNames.Normalise(one).ShouldBe(PartnerNames.Normalise(other));

    [Theory]
    [InlineData("Acme Robotics", "Acme Logistics")]
    [InlineData("Limited Editions", "Editions")]
    public void Different_organisations_differ(string one, string other) =>
        PartnerNames.Normalise(one).ShouldNotBe(PartnerNames.Normalise(other));

    [Fact]
    public void A_name_that_is_only_a_legal_form_keeps_it() => PartnerNames.Normalise("Limited").ShouldBe("limited");

    [Theory]
    [InlineData("https://www.Acme.com/careers", "acme.com")]
    [InlineData("acme.com", "acme.com")]
    [InlineData("http://jobs.acme.com", "jobs.acme.com")]
    [InlineData("not a website", null)]
    [InlineData("", null)]
    public void Website_domain(string website, string? domain) => PartnerNames.DomainOf(website).ShouldBe(domain);
}
