"""Forms by area, as the views are: the candidate portal and the hiring team's workspace."""
