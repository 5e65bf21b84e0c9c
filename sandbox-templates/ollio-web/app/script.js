// Runs after the document is parsed (the script tag is deferred).
const button = document.getElementById("greet");
const greeting = document.getElementById("greeting");

button?.addEventListener("click", () => {
  if (greeting) greeting.textContent = "Hello! Ask Ollio to turn this page into anything you like.";
});
