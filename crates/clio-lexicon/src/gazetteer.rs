//! Countries and cities (GeoNames, CC BY 4.0): ISO and FIPS codes, names,
//! capitals, coordinates.

use std::collections::HashMap;

/// A country.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166 alpha-2.
    pub iso2: String,
    /// ISO 3166 alpha-3 (also CAMEO's country code, with few exceptions).
    pub iso3: String,
    /// FIPS 10-4, which GDELT's geography uses.
    pub fips: String,
    /// English name.
    pub name: String,
    /// Capital city.
    pub capital: String,
}

/// A city.
#[derive(Clone, Debug, PartialEq)]
pub struct City {
    /// Name.
    pub name: String,
    /// Country, ISO alpha-2.
    pub iso2: String,
    /// GeoNames admin-1 code.
    pub admin1: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames feature id.
    pub geonameid: u64,
    /// True for a national capital.
    pub capital: bool,
}

/// The gazetteer, indexed by code and name.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    /// Countries, by ISO alpha-3.
    pub countries: Vec<Country>,
    /// Cities, most populous first.
    pub cities: Vec<City>,
    /// Country adjectives: ("Swedish", "SWE").
    pub demonyms: Vec<(String, String)>,
    by_code: HashMap<String, usize>,
    by_city_name: HashMap<String, Vec<usize>>,
    capital_of: HashMap<String, usize>,
}

impl Gazetteer {
    /// Reads the two TSV files (`#` lines are comments).
    pub fn parse(countries: &str, cities: &str, demonyms: &str) -> Gazetteer {
        let rows = |t: &str| -> Vec<Vec<String>> {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split('\t').map(str::to_string).collect())
                .collect()
        };
        let countries = rows(countries)
            .into_iter()
            .filter(|r| r.len() >= 5)
            .map(|r| Country {
                iso2: r[0].clone(),
                iso3: r[1].clone(),
                fips: r[2].clone(),
                name: r[3].clone(),
                capital: r[4].clone(),
            })
            .collect();
        let cities = rows(cities)
            .into_iter()
            .filter(|r| r.len() >= 8)
            .map(|r| City {
                name: r[0].clone(),
                iso2: r[1].clone(),
                admin1: r[2].clone(),
                lat: r[3].parse().unwrap_or(0.0),
                lon: r[4].parse().unwrap_or(0.0),
                geonameid: r[6].parse().unwrap_or(0),
                capital: r[7] == "1",
            })
            .collect();
        let demonyms =
            rows(demonyms).into_iter().filter(|r| r.len() >= 2).map(|r| (r[0].clone(), r[1].clone())).collect();
        let mut g = Gazetteer { countries, cities, demonyms, ..Gazetteer::default() };
        for (i, c) in g.countries.iter().enumerate() {
            g.by_code.insert(c.iso3.clone(), i);
            g.by_code.insert(c.iso2.clone(), i);
        }
        for (i, c) in g.cities.iter().enumerate() {
            g.by_city_name.entry(c.name.clone()).or_default().push(i);
            if c.capital {
                g.capital_of.entry(c.iso2.clone()).or_insert(i);
            }
        }
        g
    }

    /// A country by ISO alpha-2 or alpha-3 code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.get(*self.by_code.get(code)?)
    }

    /// The cities of that name, most populous first.
    pub fn cities_named(&self, name: &str) -> impl Iterator<Item = &City> {
        self.by_city_name.get(name).into_iter().flatten().filter_map(|&i| self.cities.get(i))
    }

    /// The capital of a country (ISO alpha-2).
    pub fn capital(&self, iso2: &str) -> Option<&City> {
        self.cities.get(*self.capital_of.get(iso2)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_finds_by_code() {
        let g = Gazetteer::parse(
            "# h\nCN\tCHN\tCH\tChina\tBeijing\t1\t1\n",
            "# h\nBeijing\tCN\t22\t39.9\t116.4\t1\t1816670\t1\nshort\trow\n",
            "# h\nChinese\tCHN\n",
        );
        assert_eq!(g.demonyms, [("Chinese".to_string(), "CHN".to_string())]);
        assert_eq!(g.country("CHN").map(|c| c.fips.as_str()), Some("CH"));
        assert_eq!(g.country("CN").map(|c| c.name.as_str()), Some("China"));
        assert_eq!(g.cities.len(), 1);
        assert!(g.cities[0].capital);
    }
}
