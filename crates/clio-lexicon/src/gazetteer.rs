//! Countries and cities (GeoNames, CC BY 4.0): ISO and FIPS codes, names,
//! capitals, coordinates.

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

/// The gazetteer.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    /// Countries, by ISO alpha-3.
    pub countries: Vec<Country>,
    /// Cities, most populous first.
    pub cities: Vec<City>,
}

impl Gazetteer {
    /// Reads the two TSV files (`#` lines are comments).
    pub fn parse(countries: &str, cities: &str) -> Gazetteer {
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
        Gazetteer { countries, cities }
    }

    /// A country by ISO alpha-2 or alpha-3 code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == code || c.iso2 == code)
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
        );
        assert_eq!(g.country("CHN").map(|c| c.fips.as_str()), Some("CH"));
        assert_eq!(g.country("CN").map(|c| c.name.as_str()), Some("China"));
        assert_eq!(g.cities.len(), 1);
        assert!(g.cities[0].capital);
    }
}
