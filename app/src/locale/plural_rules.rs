//! The plural rules of the languages we speak, and only those.
//!
//! leptos_i18n picks `1 reply` or `2 replies` with ICU4X's `PluralRules`.
//! Its compiled data holds the rules of every CLDR locale and the locale
//! fallback tables; the browser needs two rules, so the browser build gets
//! them from this provider instead (`install`), and the server keeps the
//! compiled data, which the tests below check this provider against.

use icu_plurals::provider::rules::{reference, runtime::ast::Rule};
use icu_plurals::provider::{PluralRulesData, PluralsCardinalV1, PluralsOrdinalV1};
use icu_provider::prelude::*;

/// The languages we speak whose cardinal rule is [`one_is_integer_one`]
/// (CLDR: English and German share it).
const INTEGER_ONE: &[&str] = &["en", "de"];

/// CLDR's `one: i = 1 and v = 0`: 1, but not 1.0 or 1.5; every other
/// number takes `other`. Written as the rule's syntax tree, since ICU4X's
/// rule parser is only in its data-export build; a test prints it back.
fn one_is_integer_one() -> reference::ast::Rule {
    use reference::ast::{
        AndCondition, Condition, Expression, Operand, Operator, RangeList, RangeListItem, Relation,
        Value,
    };
    let equals = |operand, value| Relation {
        expression: Expression {
            operand,
            modulus: None,
        },
        operator: Operator::Eq,
        range_list: RangeList(vec![RangeListItem::Value(Value(value))]),
    };
    reference::ast::Rule {
        condition: Condition(vec![AndCondition(vec![
            equals(Operand::I, 1),
            equals(Operand::V, 0),
        ])]),
        samples: None,
    }
}

/// Serves the cardinal rules of the languages we speak; ordinal rules are
/// not used.
pub struct SpokenPluralRules;

impl SpokenPluralRules {
    fn cardinal_one(locale: &DataLocale) -> Option<Rule<'static>> {
        let language = locale.language.as_str();
        INTEGER_ONE.contains(&language).then_some(())?;
        Rule::try_from(&one_is_integer_one()).ok()
    }
}

impl DataProvider<PluralsCardinalV1> for SpokenPluralRules {
    fn load(&self, req: DataRequest) -> Result<DataResponse<PluralsCardinalV1>, DataError> {
        let one = Self::cardinal_one(req.id.locale).ok_or_else(|| {
            DataErrorKind::IdentifierNotFound.with_req(PluralsCardinalV1::INFO, req)
        })?;
        Ok(DataResponse {
            metadata: Default::default(),
            payload: DataPayload::from_owned(PluralRulesData {
                zero: None,
                one: Some(one),
                two: None,
                few: None,
                many: None,
            }),
        })
    }
}

impl DataProvider<PluralsOrdinalV1> for SpokenPluralRules {
    fn load(&self, req: DataRequest) -> Result<DataResponse<PluralsOrdinalV1>, DataError> {
        Err(DataErrorKind::MarkerNotFound.with_req(PluralsOrdinalV1::INFO, req))
    }
}

impl leptos_i18n::custom_provider::IcuDataProvider for SpokenPluralRules {
    fn try_new_plural_rules(
        &self,
        locale: &icu_locale_core::Locale,
        rule_type: icu_plurals::PluralRuleType,
    ) -> Result<icu_plurals::PluralRules, DataError> {
        let options = icu_plurals::PluralRulesOptions::default().with_type(rule_type);
        icu_plurals::PluralRules::try_new_unstable(self, locale.into(), options)
    }
}

/// Makes leptos_i18n read plural rules from `SpokenPluralRules` (browser).
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn install() {
    leptos_i18n::custom_provider::set_icu_data_provider(SpokenPluralRules);
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu_plurals::{PluralCategory, PluralRules};

    fn both(code: &str) -> (PluralRules, PluralRules) {
        let locale: icu_locale_core::Locale = code.parse().unwrap();
        let ours =
            PluralRules::try_new_cardinal_unstable(&SpokenPluralRules, (&locale).into()).unwrap();
        let cldr = PluralRules::try_new_cardinal((&locale).into()).unwrap();
        (ours, cldr)
    }

    #[test]
    fn every_spoken_language_has_cldrs_cardinal_rule() {
        for locale in crate::locale::all() {
            let (ours, cldr) = both(crate::locale::code_of(*locale));
            for n in 0..=1_000u32 {
                assert_eq!(ours.category_for(n), cldr.category_for(n), "{n}");
            }
            for decimal in ["0.0", "1.0", "1.5", "2.50", "1000000.1"] {
                let d: fixed_decimal::Decimal = decimal.parse().unwrap();
                assert_eq!(ours.category_for(&d), cldr.category_for(&d), "{decimal}");
            }
        }
    }

    #[test]
    fn the_rule_reads_as_cldr_writes_it() {
        let mut text = String::new();
        reference::serialize(&one_is_integer_one(), &mut text).unwrap();
        assert_eq!(text, "i = 1 and v = 0");
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        let (ours, _) = both("de");
        assert_eq!(ours.category_for(1u32), PluralCategory::One);
        assert_eq!(ours.category_for(0u32), PluralCategory::Other);
        assert_eq!(ours.category_for(21u32), PluralCategory::Other);
    }

    #[test]
    fn a_language_we_do_not_speak_is_refused_not_guessed() {
        let locale: icu_locale_core::Locale = "pl".parse().unwrap();
        assert!(
            PluralRules::try_new_cardinal_unstable(&SpokenPluralRules, (&locale).into()).is_err()
        );
    }
}
