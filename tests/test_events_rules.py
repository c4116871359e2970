"""Each coding rule of tacitus.events.rules, switched on and off on a sentence
showing the pattern it states (real model)."""
from __future__ import annotations

import pytest

from tacitus.events.rules import ALL_RULES, rule_names

pytestmark = pytest.mark.slow

DATE = "2025-03-12"


def _summary(events):
    return [(e.event, e.mode, sorted(a.country or "-" for a in e.actor),
             sorted(r.country or "-" for r in e.recipient)) for e in events]


@pytest.fixture(scope="module")
def code(coder):
    """code(text, without=rule) -> summaries of the events, the rule switched off."""
    pipe = coder.nlp.get_pipe("tacitus_events")

    def run(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return _summary(coder(text, date=DATE))
        finally:
            pipe.disabled = frozenset()

    return run


@pytest.fixture(scope="module")
def dates(coder):
    """dates(text, without=rule) -> the dates of the events, the rule switched off."""
    pipe = coder.nlp.get_pipe("tacitus_events")

    def run(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [e.date for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    return run


# rule -> (sentence, events with the rule, events without it)
CASES = {
    "undergoer_possessor_is_recipient": (
        "Ugandan opposition leader Kizza Besigye's arrest in Nairobi sparked protests.",
        [("COERCE", "arrest", ["KEN"], ["UGA"])], [("COERCE", "arrest", ["UGA"], ["KEN"])]),
    "held_party_undergoes": (
        "Kenyan opposition leader Kizza Odinga had been in pretrial detention since September 30.",
        [("COERCE", "arrest", ["KEN"], ["KEN"])], [("COERCE", "arrest", ["KEN"], [])]),
    "agreement_referred_to_is_no_event": (
        "Extended deterrence involves a U.S. commitment to defend Japan.",
        [], [("AGREE", "", ["USA"], ["JPN"])]),
    "own_holdings_are_no_target": (
        "Kenya rejected a call for its troops to be deployed in Somalia.",
        [("REJECT", "", ["KEN"], ["SOM"])], [("REJECT", "", ["KEN"], ["KEN"])]),
    "state_acts_unnamed": (
        "Kenyan reporter Ahmed Salah's arrest drew condemnation from rights groups.",
        [("COERCE", "arrest", ["KEN"], ["KEN"]), ("ACCUSE", "disapprove", ["NGO"], ["KEN"])],
        [("ACCUSE", "disapprove", ["NGO"], ["KEN"])]),
    "passive_help_by_state": (
        "More than 300 hostages were rescued in Balochistan.",
        [("AID", "", ["PAK"], ["PAK"])], []),
    "event_said_twice": (
        "Chechen refugees continued a hunger strike in protest of the Russian government's "
        "refusal to accept their demands.",
        [("PROTEST", "hunger", ["RUS"], ["RUS"])], [("PROTEST", "hunger", ["RUS"], [])]),
    "result_names_the_target": (
        "Syrian rebels intensified attacks on Monday, inflicting heavy casualties on Turkish troops.",
        [("ASSAULT", "", ["SYR"], ["TUR"])], [("ASSAULT", "", ["SYR"], [])]),
    "party_named_is_no_event": (
        "Pakistani gunmen ambushed an Indian police patrol near the border.",
        [("ASSAULT", "", ["PAK"], ["IND"])],
        [("ASSAULT", "", ["PAK"], ["IND"]), ("MOBILIZE", "troops", ["IND"], [])]),
    "own_side_is_no_target": (
        "Kenyan President William Ruto expressed the Kenyan government's commitment to "
        "Somalia's security.",
        [("SUPPORT", "", ["KEN"], ["SOM"])], [("SUPPORT", "", ["KEN"], ["KEN"])]),
    "offer_aims_at_what_it_offers": (
        "The Kenyan government proposed a plan for rebuilding roads and supporting Somalia.",
        [("AGREE", "", ["KEN"], ["SOM"])], [("AGREE", "", ["KEN"], [])]),
    "held_person_of_the_holders_country": (
        "Police detained Levan Kharatishvili at his party's headquarters in Tbilisi on Friday.",
        [("COERCE", "arrest", ["GEO"], ["GEO"])], [("COERCE", "arrest", ["GEO"], ["-"])]),
    "goods_origin_is_target": (
        "China on Tuesday imposed duties of up to 62% on pork imported from the European Union.",
        [("SANCTION", "discontinue", ["CHN"], ["IGO"])], []),
    "condemned_attack_is_its_attackers": (
        "Drones of the Rapid Support Forces struck the Kosti power station on Monday. The U.N. "
        "humanitarian coordinator for Sudan, Clementine Nkweta-Salami, condemned the attack on the "
        "Kosti power station.",
        [("ASSAULT", "", ["SDN"], ["-"]), ("ACCUSE", "disapprove", ["IGO"], ["SDN"])],
        [("ASSAULT", "", ["SDN"], ["-"]), ("ACCUSE", "disapprove", ["IGO"], ["-"])]),
    "welcomed_act_is_its_doers": (
        "Colombia's National Liberation Army released six hostages on Sunday. Colombian President "
        "Gustavo Petro on Monday welcomed the release.",
        [("RETREAT", "release", ["COL"], ["COL"]), ("SUPPORT", "", ["COL"], ["COL"])],
        [("RETREAT", "release", ["COL"], ["COL"]), ("SUPPORT", "", ["COL"], [])]),
    "received_criticism": (
        "The Russian decision drew sharp criticism from Germany.",
        [("ACCUSE", "disapprove", ["DEU"], [])], [("ACCUSE", "disapprove", ["RUS"], ["DEU"])]),
    "mobilized_force_is_own": (
        "Troops were put on alert against NATO by Russia.",
        [("MOBILIZE", "troops", ["RUS"], ["IGO"])], [("MOBILIZE", "troops", ["RUS"], ["RUS"])]),
    "armed_arrival_deploys": (
        "Russian troops arrived in Belarus on Monday.",
        [("MOBILIZE", "troops", ["RUS"], ["BLR"])], [("CONSULT", "visit", ["RUS"], ["BLR"])]),
    "mode_from_governed_trigger": (
        "Irish guerrillas wounded two British soldiers in a bomb attack on Thursday.",
        [("ASSAULT", "explosives", ["IRL"], ["GBR"])], [("ASSAULT", "", ["IRL"], ["GBR"])]),
    "warning_of_danger_is_concern": (
        "Germany warned that Iran's nuclear program would destabilise the region.",
        [("ACCUSE", "disapprove", ["DEU"], ["IRN"])], [("THREATEN", "", ["DEU"], ["IRN"])]),
    "meeting_as_setting_is_no_event": (
        "Speaking at a United Nations Security Council meeting on Sudan, Kenya's ambassador "
        "said the fighting had displaced thousands.",
        [], [("CONSULT", "", ["IGO", "SDN"], [])]),
    "recognition_is_of_a_party": (
        "The Kenyan government recognizes the difficult situation of the refugees.",
        [], [("SUPPORT", "", ["KEN"], ["KEN"])]),
    "refused_cooperation_rejects": (
        "Iran did not agree to the U.S. proposal.",
        [("REJECT", "assist", ["IRN"], ["USA"])], []),
    "condition_is_no_event": (
        "The United States will help defend Saudi Arabia if it is attacked by Iran.",
        [], [("THREATEN", "violence", ["IRN"], ["SAU"])]),
    "habit_is_no_event": (
        "Pakistani officials routinely accuse India of backing the rebels.",
        [], [("ACCUSE", "allege", ["PAK"], ["IND"])]),
    "present_attack_is_a_pattern": (
        "Al-Shabab mainly targets Kenyan security forces along the border.",
        [], [("ASSAULT", "", ["SOM"], ["KEN"])]),
    "territories_coded_with_their_state": (
        "Hong Kong authorities arrested the publisher Jimmy Lai.",
        [("COERCE", "arrest", ["CHN"], ["CHN"])], [("COERCE", "arrest", ["HKG"], ["HKG"])]),
    "held_since_the_day_taken": (
        "Zimbabwe's government is under pressure. Zimbabwean journalist Blessed Mhlanga has "
        "been in custody since Feb. 24 over accusations of incitement.",
        [("COERCE", "arrest", ["ZWE"], ["ZWE"])], [("COERCE", "arrest", ["ZWE"], ["ZWE"])]),
    "criticism_drawn_by_an_act": (
        "The U.N. did not invite Afghan women to the meeting, citing the Taliban's opposition, "
        "a move that drew strong criticism of the world body.",
        [("REJECT", "", ["IGO"], ["AFG"]), ("ACCUSE", "disapprove", [], ["IGO"])],
        [("REJECT", "", ["IGO"], ["AFG"])]),
    "earlier_year_is_background": (
        "In 2019, China signed a free trade agreement with Mauritius.",
        [], [("SUPPORT", "", ["CHN"], ["MUS"])]),
    "announced_action_reframed": (
        "Russia will withdraw its troops from Kherson.",
        [("AGREE", "", ["RUS"], ["-"])], [("RETREAT", "withdraw", ["RUS"], ["-"])]),
    "conditional_promise_threatens": (
        "Iran will withdraw its troops from Syria unless Europe lifts sanctions.",
        [("THREATEN", "relations", ["IRN"], ["SYR"])], [("AGREE", "", ["IRN"], ["SYR"])]),
    "threat_aims_at_condition": (
        "Turkey threatened to quit the talks if the United States goes ahead.",
        [("THREATEN", "relations", ["TUR"], ["USA"])], [("THREATEN", "relations", ["TUR"], [])]),
    "refusal_answers_pressure": (
        "The Zambian president refused to step down despite pressure from opposition parties.",
        [("REJECT", "change", ["ZMB"], ["ZMB"])], [("REJECT", "change", ["ZMB"], [])]),
    "denial_answers_accuser": (
        # (without it, the denial answers whom Russia last dealt with: Poland)
        "Ukraine accused Russian forces of shelling Kharkiv. Russia later threatened Poland. "
        "Moscow dismissed the allegations.",
        [("ACCUSE", "allege", ["UKR"], ["RUS"]), ("THREATEN", "", ["RUS"], ["POL"]),
         ("REJECT", "", ["RUS"], ["UKR"])],
        [("ACCUSE", "allege", ["UKR"], ["RUS"]), ("THREATEN", "", ["RUS"], ["POL"]),
         ("REJECT", "", ["RUS"], ["POL"])]),
    "party_inside_the_content": (
        "The Egyptian government alleged that detainees held by Libyan police were tortured.",
        [("ACCUSE", "allege", ["EGY"], ["LBY"])], [("ACCUSE", "allege", ["EGY"], [])]),
    "claim_names_the_attacker": (
        "Gunmen stormed a police station in Mogadishu on Tuesday, killing five officers. "
        "Al-Shabab claimed responsibility for the attack.",
        [("ASSAULT", "", ["SOM"], ["SOM"])],
        [("ASSAULT", "", ["SOM"], ["SOM"]), ("ASSAULT", "", ["SOM"], [])]),
    "speaker_of_we_acts": (
        '"We urge Afghanistan to act," the Pakistani foreign ministry said.',
        [("REQUEST", "", ["PAK"], ["AFG"])], []),
    "academic_opinion_is_no_event": (
        '"Iran will attack Israel," said a professor at Tehran University.',
        [], [("THREATEN", "violence", ["IRN"], ["ISR"])]),
    "speculation_is_no_event": (
        "Villagers fear that Russian troops could attack Ukrainian towns again.",
        [], [("THREATEN", "violence", ["RUS"], ["UKR"])]),
    "analyst_opinion_is_no_event": (
        "Turkish forces will attack Kurdish militias in Syria, analysts say.",
        [], [("THREATEN", "violence", ["TUR"], ["SYR"])]),
    "characterisation_condemns": (
        'The Iranian foreign minister called the American sanctions "a crime against humanity."',
        [("ACCUSE", "disapprove", ["IRN"], ["USA"])], []),
    "reported_criticism_disapproves": (
        "A former U.S. official says China's bullying boosts global support for Taiwan.",
        [("ACCUSE", "disapprove", ["USA"], ["CHN"])], []),
    "reported_obligation_demands": (
        "Chinese officials said the United States must quit intimidating Taiwan.",
        [("REQUEST", "yield", ["CHN"], ["USA"])], [("RETREAT", "resign", ["USA"], ["TWN"])]),
    "talking_to_press_is_no_meeting": (
        "The Iranian foreign minister spoke to reporters in Tehran.",
        [], [("CONSULT", "", ["IRN"], ["IRN"])]),
    "party_described_is_no_event": (
        "Ukrainian troops backed by British advisers attacked Russian positions.",
        [("ASSAULT", "", ["UKR"], ["RUS"])],
        [("SUPPORT", "", ["GBR"], []), ("ASSAULT", "", ["UKR"], ["RUS"])]),
    "talking_about_is_no_meeting": (
        "The Iranian foreign minister talked about the nuclear deal on Monday.",
        [], [("CONSULT", "", ["IRN"], [])]),
    "question_put_is_no_request": (
        "When asked if sanctions on Iran would be lifted, German Foreign Minister "
        "Hans-Dietrich Genscher said no decision had been taken.",
        [], [("REQUEST", "yield", ["DEU"], ["IRN"])]),
    "fighting_needs_an_opponent": (
        "Syrian rebels said they were still fighting for their freedom.",
        [], [("ASSAULT", "", ["SYR"], [])]),
    "domestic_actors_act_there": (
        "France is ready to contribute up to 4,000 troops to a peacekeeping force in Liberia.",
        [("AGREE", "", ["FRA"], ["LBR"])], [("AGREE", "", ["FRA"], ["FRA"])]),
    "earlier_told_is_undated": (
        "Kenyan police had arrested the opposition leader.", None, None),
    "place_is_target": (
        "Serbia lifted a night curfew in Montenegro on Sunday.",
        [("CONCEDE", "", ["SRB"], ["MNE"])], [("CONCEDE", "", ["SRB"], [])]),
    "place_in_object_is_target": (
        "Israel ordered the evacuation of the settlements in the Gaza Strip.",
        [("REQUEST", "", ["ISR"], ["PSE"])], [("REQUEST", "", ["ISR"], [])]),
    "meeting_sides": (
        "Egyptian President Abdel Fattah el-Sisi met with the Jordanian king in Cairo on Monday.",
        [("CONSULT", "", ["JOR"], ["EGY"])], [("CONSULT", "", ["EGY"], ["JOR"])]),
    "unnamed_attackers": (
        "Three U.S. servicemen were killed by a roadside bomb outside the Iraqi city of Basra.",
        [("ASSAULT", "", ["IRQ"], ["USA"])], []),
    "voice_addresses_own_government": (
        "Kenyan opposition parties rejected the new budget on Tuesday.",
        [("REJECT", "", ["KEN"], ["KEN"])], [("REJECT", "", ["KEN"], [])]),
    "background_mentions_dropped": (
        "The shooting continued as Iraqi security forces attacked insurgents in Baghdad.",
        None, None),
    "speech_obligation_demands": (
        "The Bush administration declared that China must drop trade barriers.",
        [("REQUEST", "change", ["USA"], ["CHN"])], []),
    "protest_demands_are_content": (
        "Angry Fatah activists staged rallies in Gaza against their leader Mahmoud Abbas, "
        "saying he must resign.",
        None, None),
    "title_told_again_is_one_event": (
        "Haitian police shot dead the gang leader Arnel Joseph on Friday.", None, None),
    "one_event_per_occurrence": (
        "Al-Shabab militants attacked a hotel in Beledweyne on Tuesday. Witnesses said the "
        "al-Shabab militants attacked the hotel with explosives and guns.",
        None, None),
    "told_as_history_is_background": (
        "In the past, Kenyan police have arrested opposition leaders.",
        [], [("COERCE", "arrest", ["KEN"], ["KEN"])]),
    "aim_is_no_event": (
        "Kenya's foreign minister said she looks forward to meeting Somali officials.",
        [], [("CONSULT", "", ["KEN", "SOM"], [])]),
    "one_meeting_per_day": (
        "Kenyan and Somali officials met in Nairobi on Monday. Kenyan officials also held talks "
        "with Somali envoys on Monday.",
        [("CONSULT", "", ["SOM"], ["KEN"])],
        [("CONSULT", "", ["SOM"], ["KEN"]), ("CONSULT", "", ["KEN", "SOM"], [])]),
    "quoted_report_is_the_same_event": (
        "Kenyan officials urged Somalia to accept the ceasefire. \u201cWe called on "
        "Somalia to agree to a ceasefire now,\u201d the officials said.",
        [("REQUEST", "yield", ["KEN"], ["SOM"])],
        [("REQUEST", "yield", ["KEN"], ["SOM"]), ("REQUEST", "", ["KEN"], ["SOM"])]),
    "statement_answers_counterpart": (
        "The United States imposed sanctions on Iran on Monday. Iranian officials denounced "
        "the decision.",
        [("SANCTION", "discontinue", ["USA"], ["IRN"]), ("ACCUSE", "disapprove", ["IRN"], ["USA"])],
        [("SANCTION", "discontinue", ["USA"], ["IRN"]), ("ACCUSE", "disapprove", ["IRN"], [])]),
    "statement_addresses_story_country": (
        "Somali lawmakers voted to extend the president's term. The opposition in Somalia "
        "protested in Mogadishu. The United States urged a full investigation.",
        [("PROTEST", "demo", ["SOM"], ["SOM"]), ("REQUEST", "", ["USA"], ["SOM"])],
        [("PROTEST", "demo", ["SOM"], ["SOM"]), ("REQUEST", "", ["USA"], [])]),
    "announced_aid_is_a_pledge": (
        "The European Union announced 60 million euros in new humanitarian aid for eastern Congo.",
        [("AGREE", "", ["IGO"], ["COD"])], [("AID", "", ["IGO"], ["COD"])]),
    "seized_people_are_abducted": (
        "On Saturday, gunmen seized two Chinese oil workers near the town of Dirkou, in Niger's "
        "Agadez region.",
        [("ASSAULT", "abduct", ["CHN"], ["CHN"])], [("COERCE", "seize", ["CHN"], ["CHN"])]),
    "own_state_is_no_addressee": (
        "Ukrainian President Volodymyr Zelenskyy urged Ukraine's allies to speed up deliveries of "
        "air defense systems.",
        [("REQUEST", "", ["UKR"], [])], [("REQUEST", "", ["UKR"], ["UKR"])]),
    "heading_participle_is_passive": (
        "Myanmar's army shelled the town of Ann on Monday.\n\nReporter detained\n\n"
        "The army said it had retaken the town.", None, None),
    "missiles_into_the_sea_are_a_show": (
        "North Korea fired two short-range ballistic missiles into the sea off its east coast on "
        "Thursday.",
        [("MOBILIZE", "weapons", ["PRK"], [])], [("ASSAULT", "heavy-weapons", ["PRK"], [])]),
    "mediation_is_for_the_parties_between": (
        "Turkish President Recep Tayyip Erdogan on Tuesday offered to host a new round of talks "
        "between Moscow and Kyiv in Istanbul.",
        [("AGREE", "", ["TUR"], ["RUS", "UKR"])], [("AGREE", "", ["TUR"], [])]),
    "forces_freeing_captives_rescue": (
        "Gunmen kidnapped 47 pupils in Nigeria's Sokoto state on Friday. On Monday, Nigerian "
        "soldiers freed 19 of the kidnapped pupils.",
        [("ASSAULT", "abduct", ["NGA"], ["NGA"]), ("AID", "", ["NGA"], ["NGA"])],
        [("ASSAULT", "abduct", ["NGA"], ["NGA"]), ("RETREAT", "release", ["NGA"], ["NGA"])]),
    "official_addressing_the_assumed_country_is_foreign": (
        "MANILA, PHILIPPINES — Chinese coast guard ships fired water cannon at a Philippine vessel on "
        "Saturday. Foreign Ministry spokesperson Lin Jian on Monday urged Manila to stop its "
        "provocations.", None, None),
    "charge_denied_by_its_party": (
        "Azerbaijan accused Armenian forces on Wednesday of firing on its army positions, a charge "
        "Armenia denied.",
        [("ACCUSE", "allege", ["AZE"], ["ARM"]), ("REJECT", "", ["ARM"], ["AZE"])],
        [("ACCUSE", "allege", ["AZE"], ["ARM"])]),
    "taking_ground_by_force_assaults": (
        "M23 rebels captured the eastern Congolese city of Goma on Monday.",
        [("ASSAULT", "", ["COD"], ["COD"])], [("COERCE", "seize", ["COD"], ["COD"])]),
    "joint_act_has_no_other_side": (
        "U.S. Secretary of State Marco Rubio spoke by phone on Monday with South Korean Foreign "
        "Minister Cho Tae-yul, and the two agreed to keep up pressure on Pyongyang.",
        [("CONSULT", "phone", ["KOR", "USA"], []), ("AGREE", "", ["KOR", "USA"], [])],
        [("CONSULT", "phone", ["KOR", "USA"], []), ("AGREE", "", ["KOR", "USA"], ["PRK"])]),
    "stretch_of_time_is_undated": (
        "Kenyan police have arrested 300 opposition supporters since January 5.", None, None),
    "perfect_act_is_undated": (
        "Kenya's opposition marched in Nairobi on Monday. The march was peaceful. Kenyan police "
        "have arrested 300 opposition supporters.", None, None),
    "clause_bound_in_time_takes_its_day": (
        "His comments come two days after Turkish President Recep Tayyip Erdogan denounced "
        "Israel.", None, None),
    "stance_said_on_a_day_takes_it": (
        "Thailand's foreign minister said on Monday his country was ready to send more "
        "humanitarian aid into Myanmar.", None, None),
    "framed_past_is_undated": (
        "Last week, Kenya's parliament passed the budget. Kenyan opposition parties rejected "
        "the budget.", None, None),
    "place_in_own_clause": (
        "The Kenyan president condemned the Somali militants on Friday, as eight protesters "
        "were killed in the town of Garissa.", None, None),
    "incident_day_carries_over": (
        "Nigerian soldiers attacked a Boko Haram camp in Borno state on Monday. Nigerian "
        "soldiers also killed 20 Boko Haram militants, the army said.", None, None),
    "destination_is_the_place": (
        "The Indian prime minister visited Kenya in August.", None, None),
    "aid_goes_to_whom_it_is_given": (
        "France delivered tanks to Ukraine on Monday.",
        [("AID", "", ["FRA"], ["UKR"])], [("AID", "", ["FRA"], ["FRA"])]),
    "incident_told_in_its_time_clause": (
        "Two soldiers were killed when militants attacked a checkpoint in Kunduz on Monday.", None, None),
    "visit_is_hosted_where_it_goes": (
        "German Chancellor Olaf Scholz arrived in Beijing on Sunday for a three-day visit.",
        [("CONSULT", "visit", ["DEU"], ["CHN"])], [("CONSULT", "visit", ["DEU"], [])]),
    "state_protest_is_a_complaint": (
        "Japan protested to China over the violation of its airspace.",
        [("ACCUSE", "disapprove", ["JPN"], ["CHN"])], [("PROTEST", "demo", ["JPN"], ["CHN"])]),
    "fighting_between_sides": (
        "Fighting between the army and the Rapid Support Forces has killed thousands of people in Sudan.",
        [("ASSAULT", "", ["SDN", "SDN"], ["SDN"])], [("ASSAULT", "", ["SDN"], ["SDN"])]),
    "crowd_protests": (
        "Thousands rallied in Tel Aviv on Saturday.",
        [("PROTEST", "demo", ["ISR"], ["ISR"])], []),
    "protest_at_a_mission_targets_its_state": (
        "Hundreds protested outside the U.S. embassy in Baghdad on Friday.",
        [("PROTEST", "demo", ["IRQ"], ["USA"])], [("PROTEST", "demo", ["IRQ"], ["IRQ"])]),
    "dateline_places_the_story": (
        "BEIJING — China imposed sanctions on three U.S. defense firms on Friday.", None, None),
    "struck_place_is_the_scene": (
        "Russian forces shelled Kharkiv on Saturday.",
        [("ASSAULT", "heavy-weapons", ["RUS"], ["UKR"])], [("ASSAULT", "heavy-weapons", ["RUS"], [])]),
    "scene_carries_over": (
        "Gunmen attacked a police station in Kaduna, Nigeria, on Monday. "
        "Nigerian soldiers later killed four of the attackers.", None, None),
}


def test_events_rules_every_rule_has_a_docstring_and_a_case():
    assert set(CASES) == set(rule_names())
    for rule in ALL_RULES:
        assert len(rule.doc) > 40, f"{rule.name} needs a docstring stating its pattern"


@pytest.mark.parametrize("rule", [r for r in CASES if CASES[r][1] is not None])

def test_events_rules_each_rule_codes_its_pattern(code, rule):
    text, with_rule, without_rule = CASES[rule]
    assert code(text) == with_rule
    assert code(text, without=rule) == without_rule


def test_events_rules_reported_criticism_needs_words_that_judge_a_party(code):
    # words that judge: the speaker disapproves of the party judged
    text = '"Israel, the cruel terrorist state, attacks the Muslims in Jerusalem," Erdogan said.'
    assert code(text) == [("ACCUSE", "disapprove", ["TUR"], ["ISR"])]
    # a noun of conduct judges, whether or not the word list has it
    text = ('"The Eritrean regime is preparing for aggression," Ethiopian government spokesman '
            'Legesse Tulu told reporters.')
    assert code(text) == [("ACCUSE", "disapprove", ["ETH"], ["ERI"])]
    # words of harm judge no one; victims are not the target of the words
    assert code('"Many people died in Kabul," the Afghan health ministry said.') == []
    assert code('"The killing of peaceful demonstrators is appalling," '
                'U.N. spokesman Stephane Dujarric said.') == []
    # a sentence that codes an event already is not read again
    text = '"We strongly condemn Russia\'s illegal aggression," the French foreign ministry said.'
    assert [e[0] for e in code(text)] == ["ACCUSE"]


def test_events_rules_statements_of_opposing_sides_are_two_events(coder):
    # the same word and the same country: the military and the rebels it
    # fights made two threats, not one told twice
    events = coder("Pakistan's military warned that the attackers would be crushed. The Balochistan "
                   "Liberation Army warned that it would kill the hostages.", date=DATE)
    assert [(e.event, [a.sector for a in e.actor]) for e in events] == [
        ("THREATEN", ["MIL"]), ("THREATEN", ["REB"])]
    # one side told twice is still one event
    events = coder("Pakistan's military warned the attackers. The army warned the attackers again "
                   "on Tuesday.", date=DATE)
    assert [e.event for e in events] == ["THREATEN"]


def test_events_rules_a_headline_in_the_present_and_its_report_in_the_past_are_one_event(coder):
    # "strikes" and "struck": an irregular past is the same word
    events = coder("Israeli warplanes struck Hezbollah targets in southern Lebanon on Tuesday.",
                   date=DATE, title="Israel strikes Hezbollah targets in Lebanon")
    assert [(e.event, e.date) for e in events] == [("ASSAULT", "2025-03-11")]
    assert events[0].mentions == [-1, 0]


def test_events_rules_a_protest_at_a_foreign_military_base_targets_its_state(code):
    text = ("Niger's junta faces pressure. Thousands of protesters rallied outside the French "
            "military base in Niamey on Saturday.")
    assert code(text) == [("PROTEST", "demo", ["NER"], ["FRA"])]
    assert code(text, without="protest_at_a_mission_targets_its_state") == [
        ("PROTEST", "demo", ["NER"], ["NER"])]


def test_events_rules_a_question_put_to_a_speaker_is_no_request_but_a_request_stays(code):
    # a participle of asking for no more than an answer: no request by the one asked
    assert code("Asked to comment, U.S. Trade Representative Clayton Yeutter said the "
                "tariffs would stay.") == []
    assert code("Asked to comment, U.S. Trade Representative Clayton Yeutter said the "
                "tariffs would stay.", without="question_put_is_no_request") != []
    # asking a party to act is a request
    assert code("Washington asked Japan and the Netherlands to restrict exports of chip "
                "equipment to China.") == [("REQUEST", "", ["USA"], ["JPN", "NLD"])]


def test_events_rules_speaking_to_a_news_channel_is_no_meeting(code):
    text = "The Iranian foreign minister spoke to a private news channel on Monday."
    assert code(text) == []
    assert code(text, without="talking_to_press_is_no_meeting") == [("CONSULT", "", ["IRN"], [])]
    assert code("The Iranian foreign minister spoke with his Omani counterpart on Monday.") == [
        ("CONSULT", "", ["IRN", "OMN"], [])]


def test_events_rules_a_party_held_in_detention_is_its_recipient(coder):
    # the one "in detention" undergoes it; the state holds it
    [event] = coder("The Kenyan journalist Ahmed Salah remains in detention in Nairobi.", date=DATE)
    assert [(a.country, a.sector) for a in event.actor] == [("KEN", "GOV")]
    assert [(r.text, r.sector) for r in event.recipient] == [("Kenyan journalist Ahmed Salah", "JRN")]


def test_events_rules_the_actors_own_forces_are_not_its_recipient(code):
    # "his forces" are Prigozhin's own: no one is named as the other side
    text = "Wagner chief Yevgeny Prigozhin agreed to withdraw his forces."
    assert code(text) == [("AGREE", "", ["RUS"], [])]
    assert code(text, without="own_holdings_are_no_target") == [("AGREE", "", ["RUS"], ["RUS"])]


def test_events_rules_a_demand_that_names_whom_it_asks_keeps_no_story_country(code):
    # the statement is addressed to the story's country only when it names no one
    story = "Russian troops shelled Kharkiv on Monday. Russia also attacked Odesa. "
    condemned = code(story + "Ukrainian President Volodymyr Zelenskyy condemned the attacks.")
    assert condemned[-1] == ("ACCUSE", "disapprove", ["UKR"], ["RUS"])
    urged = code(story + "Ukrainian President Volodymyr Zelenskyy urged Western allies to send "
                 "more air defense systems.")
    assert urged[-1] == ("REQUEST", "assist", ["UKR"], [])


def test_events_rules_a_place_hit_is_aimed_at_the_country_that_holds_it(coder):
    # the party is the country; the text still names the place
    [event] = coder("Russian forces shelled the city of Kharkiv on Saturday.", date=DATE)
    assert [(r.text, r.name, r.country) for r in event.recipient] == [("Kharkiv", "Ukraine", "UKR")]


def test_events_rules_meeting_with_no_host_has_every_side_as_actor(code):
    text = "Russian Foreign Minister Sergei Lavrov held talks with Turkish officials on Monday."
    assert code(text) == [("CONSULT", "", ["RUS", "TUR"], [])]
    assert code(text, without="meeting_sides") == [("CONSULT", "", ["RUS"], ["TUR"])]


def test_events_rules_a_call_by_phone_has_no_host(code):
    # the story's country (Turkey, from "Turkish") was taken for the host of the call
    text = ("Turkish President Recep Tayyip Erdogan spoke by phone with Russian President Vladimir "
            "Putin on Tuesday and offered to host talks in Istanbul.")
    assert ("CONSULT", "phone", ["RUS", "TUR"], []) in code(text)


def test_events_rules_background_mention_beside_a_coded_event_is_dropped(code):
    text = CASES["background_mentions_dropped"][0]
    with_rule, without_rule = code(text), code(text, without="background_mentions_dropped")
    assert len(without_rule) > len(with_rule) >= 1
    assert all(actor != [] for _, _, actor, _ in with_rule)


def test_events_rules_what_protesters_demand_is_no_second_event(code):
    text = CASES["protest_demands_are_content"][0]
    assert [e[0] for e in code(text)] == ["PROTEST"]
    assert "REQUEST" in [e[0] for e in code(text, without="protest_demands_are_content")]


def test_events_rules_unknown_rule_name_is_a_clear_error():
    from tacitus.events import EventCoder

    with pytest.raises(ValueError, match="unknown rule"):
        EventCoder(disabled_rules=["no_such_rule"])


def test_events_rules_an_event_reported_twice_is_written_once(coder):
    text = CASES["one_event_per_occurrence"][0]
    pipe = coder.nlp.get_pipe("tacitus_events")
    [event] = [e for e in coder(text, date=DATE) if e.event == "ASSAULT"]
    assert event.mentions == [0, 1] and event.date == "2025-03-11"
    assert event.location is not None and event.location.name == "Beledweyne"
    pipe.disabled = frozenset({"one_event_per_occurrence"})
    try:
        assert len([e for e in coder(text, date=DATE) if e.event == "ASSAULT"]) == 2
    finally:
        pipe.disabled = frozenset()


def test_events_rules_a_title_told_again_in_the_lead_is_one_event(coder):
    title = "Police Kill Notorious Gang Leader in Haiti"  # another word than the lead's
    text = CASES["title_told_again_is_one_event"][0] + " The weather was fine."
    pipe = coder.nlp.get_pipe("tacitus_events")
    [event] = [e for e in coder(text, date=DATE, title=title) if e.event == "ASSAULT"]
    assert event.sentence == 0 and event.mentions == [-1, 0]  # the lead's report, the title kept
    assert event.date == "2025-03-07" and [r.country for r in event.recipient] == ["HTI"]
    pipe.disabled = frozenset({"title_told_again_is_one_event"})
    try:
        assert len([e for e in coder(text, date=DATE, title=title) if e.event == "ASSAULT"]) == 2
    finally:
        pipe.disabled = frozenset()
    # an event of the title the story does not tell again stays
    assert [e.sentence for e in coder("The weather was fine.", date=DATE, title=title)] == [-1]


def test_events_rules_a_report_in_another_tense_is_the_same_event(coder):
    # "urges" and "urged" are one verb: the headline's present and the body's past
    [event] = coder("Germany urges Russia to accept the ceasefire. The German foreign "
                    "minister urged Russia to accept the ceasefire, officials said.", date=DATE)
    assert event.event == "REQUEST" and event.mentions == [0, 1]


def test_events_rules_a_quotation_of_what_was_reported_is_the_same_event(coder):
    # the speaker's words after the report: one event, both sentences kept
    [event] = coder(CASES["quoted_report_is_the_same_event"][0], date=DATE)
    assert event.eventText == "urged" and event.mentions == [0, 1]
    # the same words outside a quotation, or a quotation of another demand, stay apart
    for text in ("Kenyan officials urged Somalia to accept the ceasefire. The officials "
                 "called on Somalia to agree to a ceasefire now.",
                 "Kenyan officials urged Somalia to accept the ceasefire. \u201cWe call "
                 "on Somalia to release the prisoners,\u201d the officials said."):
        assert len(coder(text, date=DATE)) == 2, text


def _no_event_but_without(code, rule, texts, kept):
    """Each of ``texts`` codes no event, but does with ``rule`` off; ``kept``
    (a text and its events) is not touched by the rule."""
    for text in texts:
        assert code(text) == [], text
        assert code(text, without=rule) != [], text
    assert code(kept[0]) == kept[1]


def test_events_rules_history_is_no_news_a_recent_stretch_is(code):
    _no_event_but_without(
        code, "told_as_history_is_background",
        ("In past elections, Kenyan police arrested opposition leaders.",
         "Kenyan police arrested the opposition leader in previous years.",
         "Kenyan police arrested the opposition leader during the 19th century."),
        ("Kenyan police arrested 20 opposition leaders in the past week.",
         [("COERCE", "arrest", ["KEN"], ["KEN"])]))


def test_events_rules_meetings_with_other_parties_or_on_other_days_stay_apart(coder):
    [event] = coder(CASES["one_meeting_per_day"][0], date=DATE)
    assert event.mentions == [0, 1] and event.location.name == "Nairobi"
    for text in ("Kenyan officials met Somali envoys on Monday. Kenyan officials met Ethiopian "
                 "envoys on Monday.",
                 "Kenyan officials held talks in Nairobi on Monday. On Tuesday, Kenyan officials "
                 "held talks with Somali envoys.",
                 "Kenyan officials met in Nairobi on Monday. The Ethiopian president mediated "
                 "talks between Kenya and Somalia on Monday."):
        assert len(coder(text, date=DATE)) == 2, text


def test_events_rules_a_goal_or_what_matters_is_no_event(code):
    _no_event_but_without(
        code, "aim_is_no_event",
        ("Kenyan officials stressed the importance of ending the detention of Somali refugees.",
         "Kenyan officials said it would be possible to settle the dispute with Somalia.",
         "Kenya remains focused on preventing attacks by Somali militants."),
        ("Kenyan police arrested Somali refugees on Monday.",
         [("COERCE", "arrest", ["KEN"], ["SOM"])]))


def test_events_rules_event_told_as_earlier_has_no_date(dates):
    for text in (CASES["earlier_told_is_undated"][0],
                 "A Kenyan court earlier accused the opposition leader of fraud.",
                 "Russia had previously attacked Ukrainian towns."):
        assert dates(text) == [None], text
        assert dates(text, without="earlier_told_is_undated") == [DATE], text
    # a day of its own still dates it; a plain past is news of the day
    assert dates("Kenyan police had arrested the opposition leader on Monday.") == ["2025-03-10"]
    assert dates("Kenyan police arrested the opposition leader.") == [DATE]


def test_events_rules_an_act_with_no_place_of_its_own_happens_at_the_scene(coder):
    pipe = coder.nlp.get_pipe("tacitus_events")

    def places(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [(e.event, e.location.name if e.location else None)
                    for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    scene = CASES["scene_carries_over"][0]
    assert places(scene) == [("ASSAULT", "Kaduna"), ("ASSAULT", "Kaduna")]
    assert places(scene, without="scene_carries_over") == [("ASSAULT", "Kaduna"), ("ASSAULT", None)]
    # a statement is placed only where the text places it
    assert places("Nigerian soldiers met elders in Kaduna on Monday. "
                  "The army rejected the accusations of Nigerian activists.")[1] == ("REJECT", None)
    # nor is an act of parties of another country placed at the scene
    assert places("Nigerian troops clashed with bandits in Kaduna on Monday. "
                  "Ghanaian police arrested two Ghanaian smugglers.")[1] == ("COERCE", None)


def test_events_rules_an_event_is_placed_in_its_own_clause(coder):
    pipe = coder.nlp.get_pipe("tacitus_events")

    def places(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [(e.event, e.location.name if e.location else None)
                    for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    text = CASES["place_in_own_clause"][0]
    assert places(text) == [("ACCUSE", None)]
    assert places(text, without="place_in_own_clause") == [("ACCUSE", "Garissa")]
    purpose = "Kenya imposed tariffs on Somalia to pressure it to stop the flow of arms into Kenya."
    assert places(purpose) == [("SANCTION", None)]
    assert places(purpose, without="place_in_own_clause") == [("SANCTION", "Kenya")]
    # a verb conjoined to another shares its place; a subjectless participle lends its own
    assert places("Kenyan officials met Somali ministers in Nairobi and signed a security "
                  "agreement with Somalia.") == [("CONSULT", "Nairobi"), ("SUPPORT", "Nairobi")]
    assert places("Speaking in Nairobi, the Kenyan president accused Somalia of harbouring "
                  "militants.") == [("ACCUSE", "Nairobi")]


def test_events_rules_a_party_saying_what_it_could_do_threatens(code):
    assert code("China has hinted that it could impose tariffs on Japanese cars.") == \
        [("THREATEN", "restrict", ["CHN"], ["JPN"])]


def test_events_rules_experts_of_a_named_body_speak_for_it(code):
    assert code("U.N. sanctions experts say North Korea shipped missiles to Russia.") == \
        [("AID", "", ["PRK"], ["RUS"])]


def test_events_rules_a_characterisation_condemns_only_with_words_of_condemnation(code):
    assert code("The Kenyan president called the Chinese loans a gift.") == []
    assert ("ACCUSE", "disapprove", ["TUR"], ["ISR"]) in \
        code("Turkish President Erdogan described the Israeli raid as a disaster.")


def test_events_rules_calling_something_a_name_is_no_request(code):
    assert code('The French president called the Chinese subsidies "unbearable."') == []
    assert code("The French president called on China to cut its subsidies.") == \
        [("REQUEST", "", ["FRA"], ["CHN"])]


def test_events_rules_an_event_over_a_stretch_of_time_has_no_date(dates):
    for text in (CASES["stretch_of_time_is_undated"][0],
                 "Ethiopian troops have attacked Eritrean positions since the talks collapsed."):
        assert dates(text) == [None], text
        assert dates(text, without="stretch_of_time_is_undated") == [DATE], text
    # a present perfect with no stretch of time is news of the day
    assert dates("Kenyan police have arrested 300 opposition supporters.") == [DATE]


def test_events_rules_an_act_in_the_perfect_past_the_lead_has_no_date(dates):
    text = CASES["perfect_act_is_undated"][0]
    assert dates(text) == ["2025-03-10", None]
    assert dates(text, without="perfect_act_is_undated") == ["2025-03-10", DATE]
    # the lead is the news of the day; so are statements, and acts with a day
    assert dates("Kenyan police have arrested 300 opposition supporters.") == [DATE]
    assert dates("Kenya's opposition marched in Nairobi on Monday. The march was peaceful. "
                 "Officials say Kenyan police have arrested 300 opposition supporters.") == \
        ["2025-03-10", DATE]
    assert dates("Kenya's opposition marched in Nairobi on Monday. The march was peaceful. "
                 "Kenyan lawmakers have condemned the police.") == ["2025-03-10", DATE]
    assert dates("Kenya's opposition marched in Nairobi on Monday. The march was peaceful. "
                 "Kenyan police have arrested 300 opposition supporters on Tuesday.") == \
        ["2025-03-10", "2025-03-11"]


def test_events_rules_a_past_told_in_a_frame_has_no_date(dates):
    for text in (CASES["framed_past_is_undated"][0],
                 "Earlier this month, the Kenyan government announced a new tax. Opposition "
                 "parties in Kenya condemned the government.",
                 "In a letter last week to the court, Kenya cited the pandemic. Somali officials "
                 "accused Kenya of delaying the case."):
        assert dates(text) == [None], text
        assert dates(text, without="framed_past_is_undated") == [DATE], text
    # a day named ends the frame; a present tense, a quotation, a period that lies
    # ahead or a length of time is no frame for the simple past
    assert dates("Last week, Kenya's parliament passed the budget. On Monday, Kenyan opposition "
                 "parties rejected the budget.") == ["2025-03-10"]
    assert dates("Last week, Kenya's parliament passed the budget. Kenyan opposition parties "
                 "reject the budget.") == [DATE]
    assert dates("Next week, Kenya's parliament will vote on the budget. Kenyan opposition "
                 "parties rejected the budget.") == [DATE]
    assert dates("After weeks of talks, Kenya's parliament passed the budget. Kenyan opposition "
                 "parties rejected the budget.") == [DATE]
    # beyond two sentences, or across a heading, the story is back to the news of the day
    assert dates("Last week, Kenya's parliament passed the budget. Its debate was long. It "
                 "lasted days. Kenyan opposition parties rejected the budget.") == [DATE]
    assert dates("Last week, Kenya's parliament passed the budget.\n\nReactions\n\nKenyan "
                 "opposition parties rejected the budget.") == [DATE]


def test_events_rules_a_clause_bound_in_time_takes_its_day(dates):
    text = CASES["clause_bound_in_time_takes_its_day"][0]
    assert dates(text) == ["2025-03-10"]  # two days before the day of "come"
    assert dates(text, without="clause_bound_in_time_takes_its_day") == [None]  # "two days": a period
    text = ("Serbian President Aleksandar Vucic rejected the arrest warrant, telling journalists "
            "in Belgrade on Monday that it was politically motivated.")
    assert dates(text) == ["2025-03-10"]
    assert dates(text, without="clause_bound_in_time_takes_its_day") == [DATE]


def test_events_rules_a_stance_said_on_a_day_takes_it(dates):
    text = CASES["stance_said_on_a_day_takes_it"][0]
    assert dates(text) == ["2025-03-10"]  # the Monday it was said
    assert dates(text, without="stance_said_on_a_day_takes_it") == [DATE]
    # an act reported keeps its own clause's day
    assert dates("Sudan's army said on Monday that its forces shelled RSF positions in Khartoum.") == [DATE]


def test_events_rules_a_later_report_of_an_incident_takes_its_day(coder):
    pipe = coder.nlp.get_pipe("tacitus_events")

    def dates(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [(e.event, e.date) for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    text = CASES["incident_day_carries_over"][0]
    assert dates(text) == [("ASSAULT", "2025-03-10"), ("ASSAULT", "2025-03-10")]
    assert dates(text, without="incident_day_carries_over") == [("ASSAULT", "2025-03-10"),
                                                                 ("ASSAULT", DATE)]
    # a statement is made anew, and an act placed in a period keeps its period
    assert dates("Nigerian soldiers attacked a Boko Haram camp on Monday. The Nigerian army "
                 "accused Boko Haram of kidnapping the girls.")[1] == ("ACCUSE", DATE)
    assert dates("Nigerian soldiers attacked a Boko Haram camp on Monday. Last month, Nigerian "
                 "soldiers killed 20 Boko Haram militants.")[1] == ("ASSAULT", None)
    # once the story has told another side's attack, it has moved on
    assert dates("A Russian missile struck a building in Sumy on Monday. Ukrainian drones attacked "
                 "a refinery in Russia overnight. Russian air defenses shot down 34 Ukrainian "
                 "drones, the ministry said.") == [
        ("ASSAULT", "2025-03-10"), ("ASSAULT", DATE), ("ASSAULT", DATE)]


def test_events_rules_a_visit_takes_place_at_its_destination(coder):
    pipe = coder.nlp.get_pipe("tacitus_events")

    def places(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [(e.event, e.location.country if e.location else None)
                    for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    text = CASES["destination_is_the_place"][0]
    assert places(text) == [("CONSULT", "KEN")]
    assert places(text, without="destination_is_the_place") == [("CONSULT", None)]
    trip = "The Indian prime minister is due to travel to Kenya on Tuesday."
    assert places(trip) == [("AGREE", "KEN")]
    assert places(trip, without="destination_is_the_place") == [("AGREE", None)]


def test_events_rules_a_place_struck_is_where_the_act_happens(coder):
    pipe = coder.nlp.get_pipe("tacitus_events")

    def places(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [(e.event, e.location.name if e.location else None,
                     [(r.name, r.country) for r in e.recipient]) for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    rule = "struck_place_is_the_scene"
    assert places("Russian forces shelled Kharkiv on Saturday, killing three civilians.") == \
        [("ASSAULT", "Kharkiv", [("civilians", "UKR")])]  # those killed there are of there
    assert places("Russian forces shelled Kharkiv on Saturday, killing three civilians.",
                  without=rule)[0][1] is None
    assert places("Russia launched an attack on Kharkiv.") == [("ASSAULT", "Kharkiv", [("Ukraine", "UKR")])]
    assert places("Russian forces launched missile strikes against Kyiv on Sunday.") == \
        [("ASSAULT", "Kyiv", [("Ukraine", "UKR")])]  # a name the model did not tag
    assert places("Russian troops seized the port of Mariupol.") == \
        [("COERCE", "Mariupol", [("Ukraine", "UKR")])]
    # two parties named: a country is a party, not the place; a statement has no scene
    assert places("Russia attacked Ukraine on Monday.") == [("ASSAULT", None, [("Ukraine", "UKR")])]
    assert places("Ukraine accused Russia of shelling Kharkiv.")[0][:2] == ("ACCUSE", None)


def test_events_rules_a_place_inside_what_an_act_is_about_is_not_its_place(coder):
    def place(text):
        return [e.location.name if e.location else None for e in coder(text, date=DATE)]

    assert place("The European Union imposed new sanctions on Russia over its war in Ukraine.") == [None]
    assert place("The United States has voiced concern over the violence in Israel.") == [None]
    assert place("The European Union imposed new sanctions on Russia in Brussels.") == ["Brussels"]
    # the place a place noun names, not the one qualifying it
    assert place("Israeli airstrikes killed at least 20 people in the southern Gaza city of Rafah.") == ["Rafaḩ"]


def test_events_rules_an_incident_told_in_a_clause_of_time_takes_its_day_and_place(coder):
    pipe = coder.nlp.get_pipe("tacitus_events")

    def told(text, without=None):
        pipe.disabled = frozenset({without} if without else ())
        try:
            return [(e.event, e.date, e.location.name if e.location else None) for e in coder(text, date=DATE)]
        finally:
            pipe.disabled = frozenset()

    text = CASES["incident_told_in_its_time_clause"][0]
    assert told(text) == [("ASSAULT", "2025-03-10", "Kunduz")]
    assert told(text, without="incident_told_in_its_time_clause") == [("ASSAULT", DATE, None)]
    # another act in the clause of time is not the incident: the condemnation is not placed there
    assert told("The minister condemned the violence as eight protesters were killed in Aungban "
                "on Monday.")[0][2] is None


def test_events_rules_a_statement_naming_its_target_keeps_it(code):
    # only a statement that names no one is addressed to the story's other side
    text = ("The United States imposed sanctions on Iran on Monday. Iranian officials "
            "denounced Israel.")
    assert code(text)[1] == ("ACCUSE", "disapprove", ["IRN"], ["ISR"])


def test_events_rules_a_forceful_warning_is_a_threat_a_warning_of_danger_no_event(code):
    # repercussions the warner brings about, or made conditional: a threat
    assert code("Iran warned that it would close the Strait of Hormuz if attacked.") == [
        ("THREATEN", "", ["IRN"], [])]
    assert code("Iran warned that foreign ships would be seized.") == [("THREATEN", "", ["IRN"], [])]
    # a danger that names no party: no one is threatened or blamed
    assert code("Kenyan officials warned that the floods are too strong to contain.") == []


def test_events_rules_recognising_a_state_is_support(code):
    assert code("Kenya recognized Kosovo as an independent state on Monday.") == [
        ("SUPPORT", "", ["KEN"], ["XKX"])]
    assert code("Kenya announced its recognition of Kosovo.") == [("SUPPORT", "", ["KEN"], ["XKX"])]


def test_events_rules_a_headline_tells_an_attack_in_the_present(coder):
    # a heading (no final punctuation) tells news in the present: still an attack
    events = coder("Somali forces kill 50 militants in airstrikes\n\n"
                   "The army said the strikes hit camps in the Middle Shabelle region.", date=DATE)
    assert ("ASSAULT", ["SOM"]) in [(e.event, sorted(a.country for a in e.actor)) for e in events]


def test_events_rules_a_demand_told_by_its_trigger_word_is_not_coded_again(coder):
    # "should use sanctions": the reframed "sanctions" is the demand; the
    # obligation ("should use") told it a second time
    events = coder("Mark Clifford, president of the Committee for Freedom in Hong Kong, suggested "
                   "that the U.S. government should use sanctions against Hong Kong officials.", date=DATE)
    assert len([e for e in events if e.event == "REQUEST"]) == 1


def test_events_rules_one_held_since_a_day_was_arrested_that_day(coder):
    # the stretch of time "since Feb. 24" starts with the arrest; a later
    # report of the arrest is the same event
    pipe = coder.nlp.get_pipe("tacitus_events")
    text = ("Zimbabwe's government is under pressure. Zimbabwean journalist Blessed Mhlanga has been in "
            "custody since Feb. 24 over accusations of incitement. His lawyer said the arrest of "
            "Mhlanga sent a chilling message.")
    arrests = [e for e in coder(text, date=DATE) if e.event == "COERCE"]
    assert [(e.date, len(e.mentions)) for e in arrests] == [("2025-02-24", 2)]
    pipe.disabled = frozenset({"held_since_the_day_taken"})
    try:
        assert [e.date for e in coder(text, date=DATE) if e.event == "COERCE"][0] != "2025-02-24"
    finally:
        pipe.disabled = frozenset()


def test_events_rules_a_struck_place_replaces_a_target_read_from_another_clause(coder):
    # "Washington" is where it was said; the attack hit Kyiv
    [event] = coder("The minister said in Washington that Russia attacked Kyiv overnight.", date=DATE)
    assert [r.country for r in event.recipient] == ["UKR"] and event.location.name == "Kyiv"


def test_events_rules_praise_an_act_draws_comes_from_its_source(coder):
    # "drew praise from the United States": the United States praises Kenya,
    # whose move it was; the praise had been Kenya's own
    events = coder("Kenya's move to deploy police officers to Haiti drew praise from the United States.",
                   date=DATE)
    assert [(e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in events] == \
        [("SUPPORT", ["USA"], ["KEN"])]


def test_events_rules_a_heading_participle_tells_who_undergoes_the_act(code):
    # "Reporter detained" made the reporter the one who detained
    text = CASES["heading_participle_is_passive"][0]
    assert not any(e[:2] == ("COERCE", "arrest") for e in code(text))
    assert ("COERCE", "arrest", ["MMR"], []) in code(text, without="heading_participle_is_passive")


def test_events_rules_a_condemned_ambush_is_the_ambush_told_before(code):
    # the airstrike told after the ambush was taken for what was condemned, and al-Shabab,
    # of the critic's own country, was left out
    text = ("Al-Shabab militants ambushed a Somali army convoy near Mogadishu on Tuesday, killing 12 "
            "soldiers. Hours later, a U.S. airstrike hit al-Shabab fighters near the town. Somalia's "
            "President Hassan Sheikh Mohamud condemned the ambush on Wednesday.")
    assert ("ACCUSE", "disapprove", ["SOM"], ["SOM"]) in code(text)


def test_events_rules_an_official_urging_the_dateline_country_speaks_for_the_other(coder):
    # the spokesperson took the dateline's country, and urged his own capital
    text = CASES["official_addressing_the_assumed_country_is_foreign"][0]
    pipe = coder.nlp.get_pipe("tacitus_events")

    def demand(disabled=()):
        pipe.disabled = frozenset(disabled)
        try:
            return next(e for e in coder(text, date="2024-09-02") if e.event == "REQUEST")
        finally:
            pipe.disabled = frozenset()

    assert [a.country for a in demand().actor] == ["CHN"]
    assert [a.country for a in demand({"official_addressing_the_assumed_country_is_foreign"}).actor] \
        == ["PHL"]


def test_events_rules_concern_over_the_incident_is_aimed_at_its_doer(code):
    # the concern had no recipient, or the place's country
    text = ("Chinese coast guard ships fired water cannon at a Philippine vessel near Scarborough "
            "Shoal on Saturday. Japan and Australia expressed concern over the incident.")
    assert ("ACCUSE", "disapprove", ["AUS", "JPN"], ["CHN"]) in code(text)
    assert ("ACCUSE", "disapprove", ["AUS", "JPN"], ["CHN"]) not in code(
        text, without="condemned_attack_is_its_attackers")
