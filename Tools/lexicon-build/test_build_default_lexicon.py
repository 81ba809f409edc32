"""Unit tests for the rules of build_default_lexicon.py.

    Tools/lexicon-build/.venv/bin/python -m unittest discover -s Tools/lexicon-build
"""

import unittest

import build_default_lexicon as b


class JunkFilterTests(unittest.TestCase):
    def reason(self, name, label="Kyiv"):
        return b.junk_reason(name, label)

    def test_keeps_real_names(self):
        for name in ("Kijów", "Чернігів", "Чернигов", "Tschernihiw", "Krasnoarmiisk",
                     "Kʻiew", "Pokrovs'k", "キーウ", "さいたま市", "서울特別市", "کی‌یف",
                     "Donostia / San Sebastián", "Ko"):
            self.assertIsNone(self.reason(name), name)

    def test_lowercase_latin_romanisations(self):
        self.assertEqual(self.reason("sant jwlya dy lwrya"), "Latin without an upper-case letter")
        self.assertEqual(self.reason("sheng hu li ya-de luo li ya"),
                         "Latin without an upper-case letter")
        self.assertIsNone(self.reason("кыив"))  # only Latin names must have a capital

    def test_codes(self):
        self.assertIn("code", self.reason("IEV"))
        self.assertIn("code", self.reason("UKKK"))
        self.assertIsNone(self.reason("TOKYO"))  # five letters
        self.assertIsNone(b.junk_reason("UFA", "UFA"))  # equal to the label

    def test_mixed_scripts(self):
        self.assertEqual(self.reason("ciyaniግ mayi"), "mixes scripts")
        self.assertEqual(self.reason("Тури Турă"), "mixes scripts")

    def test_other_rules(self):
        self.assertEqual(self.reason("Paris 20e"), "contains a digit")
        self.assertEqual(self.reason("kyiv@example"), "URL or e-mail address")
        self.assertEqual(self.reason("https://example.org/Kyiv"), "URL or e-mail address")
        self.assertEqual(self.reason("Ки\x07ев"), "control character")
        self.assertEqual(self.reason("Ч"), "a single letter")
        self.assertEqual(self.reason("   "), "empty")
        self.assertIn("longer", self.reason("A" * 81))

    def test_tidy(self):
        self.assertEqual(b.tidy("  Ki\u0301ev \u00a0 osh "), "Kíev osh")


class TagAndDerivationTests(unittest.TestCase):
    def test_bcp47(self):
        self.assertEqual(b.bcp47("pt_BR"), "pt-BR")
        self.assertEqual(b.bcp47("sr@latin"), "sr-Latn")
        self.assertEqual(b.bcp47("tt@iqtelif"), "tt-Latn")
        self.assertEqual(b.bcp47("uk"), "uk")
        with self.assertRaises(SystemExit):
            b.bcp47("ca@valencia")

    def test_oblast_adjective(self):
        for city, adjective in [("Kharkiv", "Kharkivska"), ("Sumy", "Sumska"),
                                ("Odesa", "Odeska"), ("Poltava", "Poltavska"),
                                ("Donetsk", "Donetska"), ("Cherkasy", "Cherkaska"),
                                ("Ivano-Frankivsk", "Ivano-Frankivska")]:
            self.assertEqual(b.oblast_adjective(city), adjective)

    def test_oblast_centre_needs_a_unique_match(self):
        cities = [{"name": "Kharkiv"}, {"name": "Mykolayiv"}]
        self.assertEqual(b.derive_oblast_centre("Kharkivska", cities), "Kharkiv")
        self.assertIsNone(b.derive_oblast_centre("Mykolaivska", cities))
        self.assertIsNone(b.derive_oblast_centre("Sumska", [{"name": "Sumy"}, {"name": "Sum"}]))

    def test_id_order(self):
        ids = ["geonames:10", "geonames:9", "iso3166-2:UA-05", "geonames:100"]
        self.assertEqual(sorted(ids, key=b.id_sort_key),
                         ["geonames:9", "geonames:10", "geonames:100", "iso3166-2:UA-05"])


class WorldRegionTests(unittest.TestCase):
    def test_name_forms(self):
        self.assertEqual(b.world_region_name_forms("Wales [Cymru GB-CYM]", "GB"), ["Wales", "Cymru"])
        self.assertEqual(b.world_region_name_forms("Asturias, Principado de", "ES"),
                         ["Principado de Asturias"])
        self.assertEqual(b.world_region_name_forms("Guangdong Sheng", "CN"),
                         ["Guangdong Sheng", "Guangdong"])
        self.assertEqual(b.world_region_name_forms("Xizang Zizhiqu", "CN"), ["Xizang Zizhiqu", "Xizang"])
        self.assertEqual(b.world_region_name_forms("Guangxi Zhuangzu Zizhiqu", "CN"),
                         ["Guangxi Zhuangzu Zizhiqu", "Guangxi"])
        self.assertEqual(b.world_region_name_forms("Nei Mongol Zizhiqu", "CN"),
                         ["Nei Mongol Zizhiqu", "Nei Mongol"])
        self.assertEqual(b.world_region_name_forms("De réir Mongol Zizhiqu", "CN", iso_name=False),
                         ["De réir Mongol Zizhiqu"])
        self.assertEqual(b.world_region_name_forms("Guangdong Sheng", "TW"), ["Guangdong Sheng"])
        self.assertEqual(b.world_region_name_forms("Florida", "US"), ["Florida"])

    def test_generic_names(self):
        for name in ("Central", "North-West", "Far North", "Western Area", "Lacs"):
            self.assertTrue(b.is_generic_region_name(name), name)
        for name in ("Northern Cape", "Central Java", "Florida"):
            self.assertFalse(b.is_generic_region_name(name), name)

    def test_common_words_outside_the_countrys_languages(self):
        words = {"colon": {"en": 3.6}, "colón": {"es": 4.15}, "bayern": {"de": 5.23},
                 "volta": {"it": 5.87, "pt": 5.63}, "wales": {"en": 4.6}}
        self.assertTrue(b.is_common_word_region_name("Colón", "PA", words))  # English "colon"
        self.assertFalse(b.is_common_word_region_name("Bayern", "DE", words))  # German names it
        self.assertTrue(b.is_common_word_region_name("Volta", "GH", words))
        self.assertFalse(b.is_common_word_region_name("Wales", "GB", words))
        self.assertFalse(b.is_common_word_region_name("New South Wales", "AU", words))

    def test_cyrillic_names_count_russian_and_ukrainian_words_as_their_own(self):
        words = {"кампанія": {"uk": 4.22}}
        self.assertTrue(b.is_common_word_region_name("Кампанія", "IT", words, "be"))
        self.assertFalse(b.is_common_word_region_name("Campania", "IT", {"campania": {"uk": 4.22}}, "en"))

    def test_german_counts_only_from_its_commonest_words(self):
        words = {"england": {"de": 4.72}, "sind": {"de": 6.6}}
        self.assertFalse(b.is_common_word_region_name("England", "GB", words))
        self.assertTrue(b.is_common_word_region_name("Sind", "PK", words))
        self.assertTrue(b.is_common_word_region_name("England", "GB", words, "de"))  # own lang

    def test_foreign_country_names_of_own_places_go_to_the_places(self):
        countries = b.PackBuilder(name="countries", entity_columns=["label", "country"], manifest={})
        countries.add_entity("geonames:2464461", label="Tunisia", country="TN")
        countries.add_name("geonames:2464461", "Tunis", "az")  # Azerbaijani for Tunisia
        countries.add_name("geonames:2464461", "Tunisie", "fr")
        countries.add_entity("geonames:223816", label="Djibouti", country="DJ")
        countries.add_name("geonames:223816", "Djibouti", "fr")  # official language: kept
        countries.add_entity("geonames:2635167", label="United Kingdom", country="GB")
        countries.add_name("geonames:2635167", "England", "wae")  # the subdivision GB-ENG
        cities = b.PackBuilder(name="cities", entity_columns=["label", "country"], manifest={})
        cities.add_entity("geonames:2464470", label="Tunis", country="TN")
        cities.add_entity("geonames:223817", label="Djibouti", country="DJ")
        b.leave_own_places_their_names(countries, cities)
        names = {e: [n for n, _, _ in rows] for e, rows in countries.names.items()}
        self.assertEqual(names["geonames:2464461"], ["Tunisia", "Tunisie"])
        self.assertEqual(names["geonames:223816"], ["Djibouti"])
        self.assertEqual(names["geonames:2635167"], ["United Kingdom"])

    def test_clash_fold(self):
        self.assertEqual(b.fold_for_clash("Ôsaka"), b.fold_for_clash("osaka"))
        self.assertEqual(b.fold_for_clash("İstanbul")[:1], "i")


if __name__ == "__main__":
    unittest.main()
