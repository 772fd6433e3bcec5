"""chumchon: knowledge management through communities of practice."""
