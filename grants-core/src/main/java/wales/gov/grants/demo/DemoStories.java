package wales.gov.grants.demo;

import java.time.LocalDate;
import java.util.List;

import wales.gov.grants.claims.Claim;
import wales.gov.grants.demo.DemoFiles.SpendLine;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.recoveries.Recovery;

/**
 * The year of one award in each programme, as an auditor will read it in the award's pack: quarterly claims in
 * arrears with their returns, one queried and answered, one needing two approvers, one rejected and claimed again,
 * payments, an adjustment after a monitoring visit with its recovery and refund, and outcome reports. Amounts and
 * counts are illustrative and add up; nothing names a child, young person or family.
 */
final class DemoStories {
    private DemoStories() {
    }

    /** GwE's PDG-LAC award of £1,200,000 (dual approval from £100,000). */
    static void pupilDevelopmentGrant(DemoStory story, Actor finance1, Actor finance2) {
        String from = "GwE (North Wales)";
        String scheme = "Pupil Development Grant – Looked After Children 2019-20";
        List<SpendLine> q1 = List.of(
                new SpendLine("PDG Access", "School uniform and PE kit", 214, "19260.00"),
                new SpendLine("PDG Access", "Laptops and learning equipment", 96, "28800.00"),
                new SpendLine("Enrichment", "Outdoor education residential and music tuition", 140, "14700.00"),
                new SpendLine("Staffing", "Regional education coordinator for looked-after children, April to June",
                        0, "13240.00"));
        Claim first = story.claim("2019-07-09T10:30", "2019-04-01", "2019-06-30", q1);
        story.evidence("2019-07-09T10:40", first, "Q1 spending return, April to June 2019", "gwe-pdg-q1-return.pdf",
                DemoFiles.returnPdf("PDG-LAC spending return, April to June 2019", from, scheme,
                        "1 April to 30 June 2019", LocalDate.of(2019, 7, 9), "GWE-PDG-2019-Q1", "Pupils", q1,
                        "Signed off by GwE's finance lead. Supplier invoices are held by the six local authorities "
                                + "and available on request."));
        story.outcome("2019-07-09T10:50", "looked-after-pupils-supported", "2019-06-30", 412,
                "Q1: 412 looked-after pupils supported for the first time this year / Ch1: cefnogwyd 412 o "
                        + "ddisgyblion sy'n derbyn gofal am y tro cyntaf eleni");
        first = story.approve("2019-07-16T14:05", finance1, first);
        story.pay("2019-07-23T11:00", finance2, first, "BACS-19-0412");

        List<SpendLine> q2 = List.of(
                new SpendLine("Staffing", "Education coordinators for looked-after children in the six local "
                        + "authorities, July to September", 0, "62400.00"),
                new SpendLine("Training", "Designated teacher training on attachment and trauma, 118 schools", 0,
                        "24850.00"),
                new SpendLine("PDG Access", "School uniform for the new school year", 286, "31460.00"),
                new SpendLine("PDG Access", "Laptops and learning equipment", 74, "22200.00"),
                new SpendLine("Enrichment", "Summer literacy and numeracy programme", 132, "18090.00"));
        Claim second = story.claim("2019-10-08T09:45", "2019-07-01", "2019-09-30", q2);
        story.evidence("2019-10-08T09:55", second, "Q2 spending return, July to September 2019",
                "gwe-pdg-q2-return.pdf", DemoFiles.returnPdf("PDG-LAC spending return, July to September 2019",
                        from, scheme, "1 July to 30 September 2019", LocalDate.of(2019, 10, 8), "GWE-PDG-2019-Q2",
                        "Pupils", q2, "Signed off by GwE's finance lead. A breakdown by local authority is "
                                + "available on request."));
        story.outcome("2019-10-08T10:00", "looked-after-pupils-supported", "2019-09-30", 486,
                "Q2: 486 more looked-after pupils supported, most through uniform for the new school year / Ch2: "
                        + "cefnogwyd 486 yn rhagor o ddisgyblion sy'n derbyn gofal");
        second = story.query("2019-10-14T11:10", finance2, second, "Please break the coordinators' salaries, the "
                + "uniform and the laptops down by local authority, and confirm that the 74 laptops are in "
                + "addition to the 96 claimed for April to June.");
        story.evidence("2019-10-17T15:20", second, "Q2 spending by local authority (answer to the finance query)",
                "gwe-pdg-q2-by-local-authority.csv", DemoFiles.csv(
                        List.of("local_authority", "coordinators", "uniform_pupils", "uniform", "laptop_pupils",
                                "laptops", "laptops_also_claimed_april_to_june"),
                        List.of(
                                List.of("Isle of Anglesey", "10400.00", "30", "3300.00", "8", "2400.00", "0"),
                                List.of("Gwynedd", "10400.00", "52", "5720.00", "13", "3900.00", "0"),
                                List.of("Conwy", "10400.00", "44", "4840.00", "11", "3300.00", "0"),
                                List.of("Denbighshire", "10400.00", "46", "5060.00", "12", "3600.00", "0"),
                                List.of("Flintshire", "10400.00", "54", "5940.00", "14", "4200.00", "0"),
                                List.of("Wrexham", "10400.00", "60", "6600.00", "16", "4800.00", "0"),
                                List.of("Total", "62400.00", "286", "31460.00", "74", "22200.00", "0"))));
        second = story.resubmit("2019-10-17T15:25", second);
        second = story.approve("2019-10-21T10:00", finance1, second);
        second = story.approve("2019-10-22T09:30", finance2, second);
        story.pay("2019-10-29T11:00", finance1, second, "BACS-19-0977");

        List<SpendLine> q3 = List.of(
                new SpendLine("Staffing", "Education coordinators for looked-after children in the six local "
                        + "authorities, October to December", 0, "62400.00"),
                new SpendLine("PDG Access", "Equipment and enrichment activities", 203, "27350.00"));
        List<SpendLine> q3WithConference = List.of(q3.get(0), q3.get(1),
                new SpendLine("Hospitality", "Consortium conference for headteachers: venue and catering", 0,
                        "8600.00"));
        Claim refused = story.claim("2020-01-10T09:30", "2019-10-01", "2019-12-31", q3WithConference);
        story.reject("2020-01-16T14:40", finance1, refused, "Line 3 (conference venue and catering, £8,600.00) is a "
                + "running cost of the consortium, not educational support for looked-after children. Please claim "
                + "the period again without it.");
        Claim third = story.claim("2020-01-20T10:05", "2019-10-01", "2019-12-31", q3);
        story.evidence("2020-01-20T10:15", third, "Q3 spending return, October to December 2019",
                "gwe-pdg-q3-return.pdf", DemoFiles.returnPdf("PDG-LAC spending return, October to December 2019",
                        from, scheme, "1 October to 31 December 2019", LocalDate.of(2020, 1, 20), "GWE-PDG-2019-Q3",
                        "Pupils", q3, "Signed off by GwE's finance lead. Replaces the return of 10 January 2020: "
                                + "the conference costs are met from the consortium's own budget."));
        story.outcome("2020-01-20T10:20", "looked-after-pupils-supported", "2019-12-31", 371,
                "Q3: 371 more looked-after pupils supported / Ch3: cefnogwyd 371 yn rhagor o ddisgyblion sy'n "
                        + "derbyn gofal");
        third = story.approve("2020-01-24T11:00", finance2, third);
        story.pay("2020-01-30T11:00", finance1, third, "BACS-20-0233");

        Recovery recovery = story.adjust("2020-02-11T15:30", finance1, second, "2400.00", "Monitoring visit on "
                + "10 February 2020: 8 of the 74 laptops claimed for July to September went to pupils who are not "
                + "looked after (£300.00 each), which PDG-LAC does not fund");
        story.receive("2020-03-04T10:00", finance2, recovery, "REFUND-GWE-031");
    }

    /** The Vale, Valleys and Cardiff collaborative's adoption award of £400,000 (dual approval from £50,000). */
    static void adoptionServices(DemoStory story, Actor finance1, Actor finance2) {
        String from = "Vale, Valleys and Cardiff Adoption Collaborative";
        String scheme = "Adoption services funding 2019-20";
        List<SpendLine> q1 = List.of(
                new SpendLine("TESSA", "Therapeutic support sessions for adoptive families: 186 sessions at "
                        + "£120.00", 31, "22320.00"),
                new SpendLine("Staffing", "TESSA clinical psychologist (0.6 FTE), April to June", 0, "11850.00"),
                new SpendLine("Training", "Therapeutic parenting course for adopters, two cohorts", 24, "4800.00"));
        Claim first = story.claim("2019-07-11T11:00", "2019-04-01", "2019-06-30", q1);
        story.evidence("2019-07-11T11:10", first, "Q1 spending return, April to June 2019", "vvc-q1-return.pdf",
                DemoFiles.returnPdf("Adoption support spending return, April to June 2019", from, scheme,
                        "1 April to 30 June 2019", LocalDate.of(2019, 7, 11), "VVC-ADOPT-2019-Q1", "Families", q1,
                        "Signed off by the collaborative's head of service for the four local authorities "
                                + "(Cardiff, the Vale of Glamorgan, Rhondda Cynon Taf and Merthyr Tydfil)."));
        story.outcome("2019-07-11T11:20", "families-supported", "2019-06-30", 31,
                "Q1: 31 adoptive families began therapeutic support / Ch1: dechreuodd 31 o deuluoedd mabwysiadol "
                        + "gael cymorth therapiwtig");
        first = story.approve("2019-07-18T10:20", finance2, first);
        story.pay("2019-07-25T11:00", finance1, first, "BACS-19-0455");

        List<SpendLine> q2 = List.of(
                new SpendLine("TESSA", "Therapeutic support sessions for adoptive families: 254 sessions at "
                        + "£120.00", 38, "30480.00"),
                new SpendLine("Staffing", "TESSA clinical psychologist (0.6 FTE), July to September", 0, "11850.00"),
                new SpendLine("Life-story work", "Life-story books and later-life letters for 27 children", 0,
                        "8100.00"),
                new SpendLine("Support groups", "Adopter support groups and a summer family day", 46, "3900.00"));
        Claim second = story.claim("2019-10-10T10:00", "2019-07-01", "2019-09-30", q2);
        story.evidence("2019-10-10T10:10", second, "Q2 spending return, July to September 2019", "vvc-q2-return.pdf",
                DemoFiles.returnPdf("Adoption support spending return, July to September 2019", from, scheme,
                        "1 July to 30 September 2019", LocalDate.of(2019, 10, 10), "VVC-ADOPT-2019-Q2", "Families",
                        q2, "Signed off by the collaborative's head of service."));
        story.outcome("2019-10-10T10:20", "families-supported", "2019-09-30", 22,
                "Q2: 22 more families began therapeutic support (38 families had sessions in the quarter) / Ch2: "
                        + "dechreuodd 22 yn rhagor o deuluoedd gael cymorth therapiwtig");
        second = story.query("2019-10-15T09:40", finance1, second, "The TESSA line is 254 sessions at £120.00: how "
                + "many families had them in each local authority, and how many were new referrals this quarter?");
        story.evidence("2019-10-18T13:10", second, "TESSA sessions by local authority, July to September 2019 "
                        + "(answer to the finance query)", "vvc-q2-tessa-by-local-authority.csv",
                DemoFiles.csv(List.of("local_authority", "families", "new_referrals", "sessions", "amount"),
                        List.of(
                                List.of("Cardiff", "15", "8", "104", "12480.00"),
                                List.of("Rhondda Cynon Taf", "12", "7", "82", "9840.00"),
                                List.of("Merthyr Tydfil", "5", "3", "28", "3360.00"),
                                List.of("Vale of Glamorgan", "6", "4", "40", "4800.00"))));
        second = story.resubmit("2019-10-18T13:15", second);
        second = story.approve("2019-10-23T10:00", finance2, second);
        second = story.approve("2019-10-23T15:30", finance1, second);
        story.pay("2019-10-30T11:00", finance2, second, "BACS-19-1012");

        List<SpendLine> q3 = List.of(
                new SpendLine("TESSA", "Therapeutic support sessions for adoptive families: 231 sessions at "
                        + "£120.00", 35, "27720.00"),
                new SpendLine("Staffing", "TESSA clinical psychologist (0.6 FTE), October to December", 0,
                        "11850.00"));
        List<SpendLine> q3WithRecruitment = List.of(q3.get(0), q3.get(1),
                new SpendLine("Recruitment", "Adopter recruitment advertising, autumn campaign", 0, "6500.00"));
        Claim refused = story.claim("2020-01-13T10:30", "2019-10-01", "2019-12-31", q3WithRecruitment);
        story.reject("2020-01-17T16:00", finance2, refused, "Adopter recruitment (line 3, £6,500.00) is funded "
                + "through the National Adoption Service's regional budget; this grant is for support to adoptive "
                + "families. Please claim the period again without it.");
        Claim third = story.claim("2020-01-22T09:15", "2019-10-01", "2019-12-31", q3);
        story.evidence("2020-01-22T09:25", third, "Q3 spending return, October to December 2019", "vvc-q3-return.pdf",
                DemoFiles.returnPdf("Adoption support spending return, October to December 2019", from, scheme,
                        "1 October to 31 December 2019", LocalDate.of(2020, 1, 22), "VVC-ADOPT-2019-Q3", "Families",
                        q3, "Signed off by the collaborative's head of service. Recruitment advertising is met from "
                                + "the regional budget."));
        story.outcome("2020-01-22T09:35", "families-supported", "2019-12-31", 19,
                "Q3: 19 more families began therapeutic support / Ch3: dechreuodd 19 yn rhagor o deuluoedd gael "
                        + "cymorth therapiwtig");
        third = story.approve("2020-01-28T11:45", finance1, third);
        story.pay("2020-02-04T11:00", finance2, third, "BACS-20-0107");

        Recovery recovery = story.adjust("2020-02-19T10:30", finance2, first, "960.00", "The provider's invoice "
                + "for April to June included 8 TESSA sessions that families cancelled at short notice (£120.00 "
                + "each); the grant pays for sessions delivered");
        story.receive("2020-03-10T10:00", finance1, recovery, "REFUND-VVC-014");
    }

    /** Cardiff's St David's Day Fund award of £85,000 (dual approval from £25,000). */
    static void stDavidsDayFund(DemoStory story, Actor finance1, Actor finance2) {
        String from = "Cardiff Council";
        String scheme = "St David's Day Fund 2019-20";
        List<String> header = List.of("category", "care_leavers", "payments", "amount");
        List<SpendLine> q1 = List.of(
                new SpendLine("Education and training", "Course fees, books and equipment", 9, "4860.00"),
                new SpendLine("Housing", "Deposits and essentials for a first home", 7, "6230.00"),
                new SpendLine("Employment", "Driving lessons and travel to work", 8, "2940.00"),
                new SpendLine("Wellbeing", "Gym membership, clubs and activities", 6, "1170.00"));
        Claim first = story.claim("2019-07-08T14:00", "2019-04-01", "2019-06-30", q1);
        story.evidence("2019-07-08T14:10", first, "Q1 spending return by category, April to June 2019",
                "cardiff-sddf-q1-return.csv", DemoFiles.csv(header, List.of(
                        List.of("Education and training", "9", "12", "4860.00"),
                        List.of("Housing", "7", "9", "6230.00"),
                        List.of("Employment", "8", "21", "2940.00"),
                        List.of("Wellbeing", "6", "6", "1170.00"))));
        story.outcome("2019-07-08T14:20", "care-leavers-supported", "2019-06-30", 30,
                "Q1: 30 care leavers received funds / Ch1: derbyniodd 30 o bobl ifanc sy'n gadael gofal arian o'r "
                        + "gronfa");
        first = story.approve("2019-07-12T11:30", finance1, first);
        story.pay("2019-07-19T11:00", finance2, first, "BACS-19-0398");

        List<SpendLine> q2 = List.of(
                new SpendLine("Education and training", "Course fees, books and equipment", 9, "6750.00"),
                new SpendLine("Housing", "Deposits and essentials for a first home", 8, "12000.00"),
                new SpendLine("Employment", "Driving lessons and travel to work", 7, "3290.00"),
                new SpendLine("Wellbeing", "Gym membership, clubs and activities", 5, "975.00"),
                new SpendLine("Emergency support", "Emergency grants for food and utilities", 5, "2100.00"));
        Claim second = story.claim("2019-10-07T10:10", "2019-07-01", "2019-09-30", q2);
        story.evidence("2019-10-07T10:20", second, "Q2 spending return, July to September 2019",
                "cardiff-sddf-q2-return.pdf", DemoFiles.returnPdf("St David's Day Fund spending return, July to "
                                + "September 2019", from, scheme, "1 July to 30 September 2019",
                        LocalDate.of(2019, 10, 7), "CDF-SDDF-2019-Q2", "Care leavers", q2,
                        "Signed off by the Personal Adviser service manager for care leavers."));
        story.outcome("2019-10-07T10:30", "care-leavers-supported", "2019-09-30", 34,
                "Q2: 34 more care leavers received funds / Ch2: derbyniodd 34 yn rhagor o bobl ifanc sy'n gadael "
                        + "gofal arian o'r gronfa");
        second = story.query("2019-10-11T10:30", finance2, second, "Housing averages £1,500.00 per care leaver, "
                + "above the £1,000.00 the authority's guidance suggests: what were the payments for? Please send the "
                + "return with the number of payments in each category.");
        story.evidence("2019-10-15T16:00", second, "Q2 payments by category: housing was 5 rent deposits and 6 "
                        + "furnishing packs (answer to the finance query)", "cardiff-sddf-q2-payments.csv",
                DemoFiles.csv(header, List.of(
                        List.of("Education and training", "9", "11", "6750.00"),
                        List.of("Housing", "8", "11", "12000.00"),
                        List.of("Employment", "7", "9", "3290.00"),
                        List.of("Wellbeing", "5", "5", "975.00"),
                        List.of("Emergency support", "5", "7", "2100.00"))));
        second = story.resubmit("2019-10-15T16:05", second);
        second = story.approve("2019-10-18T09:20", finance1, second);
        second = story.approve("2019-10-18T14:00", finance2, second);
        story.pay("2019-10-25T11:00", finance1, second, "BACS-19-0951");

        List<SpendLine> q3 = List.of(
                new SpendLine("Education and training", "Course fees, books and equipment", 6, "3240.00"),
                new SpendLine("Housing", "Deposits and essentials for a first home", 5, "5500.00"),
                new SpendLine("Employment", "Driving lessons and travel to work", 4, "1880.00"),
                new SpendLine("Wellbeing", "Gym membership, clubs and activities", 3, "585.00"),
                new SpendLine("Emergency support", "Emergency grants for food and utilities", 3, "1050.00"));
        Claim refused = story.claim("2020-01-09T11:00", "2019-10-01", "2019-12-31", q3);
        story.reject("2020-01-14T15:10", finance1, refused, "The return e-mailed with this claim named the care "
                + "leavers who were paid. The fund records counts and spending categories only: please delete that "
                + "return and claim the period again with a return of counts by category.");
        Claim third = story.claim("2020-01-16T10:00", "2019-10-01", "2019-12-31", q3);
        story.evidence("2020-01-16T10:10", third, "Q3 spending return by category, October to December 2019",
                "cardiff-sddf-q3-return.csv", DemoFiles.csv(header, List.of(
                        List.of("Education and training", "6", "7", "3240.00"),
                        List.of("Housing", "5", "6", "5500.00"),
                        List.of("Employment", "4", "12", "1880.00"),
                        List.of("Wellbeing", "3", "3", "585.00"),
                        List.of("Emergency support", "3", "4", "1050.00"))));
        story.outcome("2020-01-16T10:20", "care-leavers-supported", "2019-12-31", 21,
                "Q3: 21 more care leavers received funds / Ch3: derbyniodd 21 yn rhagor o bobl ifanc sy'n gadael "
                        + "gofal arian o'r gronfa");
        third = story.approve("2020-01-21T11:00", finance2, third);
        story.pay("2020-01-28T11:00", finance1, third, "BACS-20-0187");

        Recovery recovery = story.adjust("2020-02-20T14:00", finance2, first, "195.00", "A wellbeing payment of "
                + "£195.00 in April to June was made twice to the same care leaver; the second is not eligible");
        story.receive("2020-03-05T10:00", finance1, recovery, "REFUND-CDF-007");
    }
}
